package convkit;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies run one way, as docs/architecture.md draws them. Checked on the compiled main classes
 * (target/classes), so an import that runs an arrow backwards fails this test, naming the class, the member and the
 * line. The kernel, the grader and the benchmarks are free to use the library; no library package may use them.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("convkit");
    }

    /** The arrows of docs/architecture.md: each layer lists every layer it may use. */
    static LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("compute").definedBy("convkit.compute..")
                .layer("i18n").definedBy("convkit.i18n..")
                .layer("Tensor").definedBy(describe("convkit.Tensor and its printing",
                        (JavaClass c) -> c.getPackageName().equals("convkit") && !c.getName().startsWith("convkit.Ops")))
                .layer("book").definedBy("convkit.book..")
                .layer("ops").definedBy("convkit.ops..")
                .layer("nn").definedBy("convkit.nn")
                .layer("nn.optim").definedBy("convkit.nn.optim..")
                .layer("models").definedBy("convkit.models..")
                .layer("data").definedBy("convkit.data..")
                .layer("viz").definedBy("convkit.viz..")
                .layer("train").definedBy("convkit.train..")
                .layer("Ops").definedBy(describe("the facade convkit.Ops", (JavaClass c) -> c.getName().startsWith("convkit.Ops")))
                .layer("kernel, grader, benchmarks, command line").definedBy("convkit.jupyter..",
                        "convkit.grading..", "convkit.bench..", "convkit.cli..")
                .whereLayer("compute").mayNotAccessAnyLayer()
                .whereLayer("i18n").mayNotAccessAnyLayer()
                .whereLayer("Tensor").mayOnlyAccessLayers("compute")
                .whereLayer("book").mayOnlyAccessLayers("Tensor")
                .whereLayer("ops").mayOnlyAccessLayers("Tensor", "compute")
                .whereLayer("nn").mayOnlyAccessLayers("Tensor", "ops", "compute")
                .whereLayer("nn.optim").mayOnlyAccessLayers("Tensor", "nn")
                .whereLayer("models").mayOnlyAccessLayers("Tensor", "nn")
                .whereLayer("data").mayOnlyAccessLayers("Tensor")
                .whereLayer("viz").mayOnlyAccessLayers("Tensor", "i18n")
                .whereLayer("train").mayOnlyAccessLayers("Tensor", "compute", "nn", "nn.optim", "models", "data")
                .whereLayer("Ops").mayOnlyAccessLayers("Tensor", "book", "ops")
                .whereLayer("kernel, grader, benchmarks, command line").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture();
    }

    @Test
    void theMainClassesWereFound() {
        // a rule over no classes would pass whatever the code does
        assertThat(classes.contain("convkit.Tensor")).isTrue();
        assertThat(classes.contain("convkit.nn.Conv2D")).isTrue();
        assertThat(classes.contain("convkit.grading.Grader")).isTrue();
        assertThat(classes.size()).isGreaterThan(100);
    }

    @Test
    void dependenciesRunOneWay() {
        layers().check(classes);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        // the library's packages, and the kernel, the grader and the benchmarks taken each as a whole
        slices().matching("convkit.(*)..").should().beFreeOfCycles().check(classes);
    }
}
