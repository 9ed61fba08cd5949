package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-check from a notebook cell finds the student's exercises/ wherever the kit was unpacked: in or above the
 * notebook's folder, in a kit folder next to it, or where a cell names it once; and says what to do in the notebook
 * when it cannot.
 */
class CheckDiscoveryTest {
    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        Check.forget();
    }

    private static Path exercisesIn(Path root) throws IOException {
        Files.createDirectories(root.resolve("exercises/src/main/java"));
        Files.createDirectories(root.resolve("exercises/src/test/java"));
        return root;
    }

    @Test
    void aboveTheNotebookFolderWithoutAPom() throws IOException {
        Path kit = exercisesIn(tmp.resolve("convkit-student-kit"));
        Path notebooks = Files.createDirectories(kit.resolve("notebooks/extra"));
        assertThat(Check.find(notebooks)).isEqualTo(kit);
        assertThat(Files.exists(kit.resolve("pom.xml"))).isFalse();
    }

    @Test
    void insideTheNotebookFolderOrTheExercisesFolderItself() throws IOException {
        Path here = exercisesIn(tmp.resolve("work"));
        assertThat(Check.find(here)).isEqualTo(here);
        assertThat(Check.find(here.resolve("exercises/src/main/java"))).isEqualTo(here);
    }

    @Test
    void aKitUnpackedNextToTheNotebooks() throws IOException {
        Path kit = exercisesIn(tmp.resolve("home/convkit"));
        Path notebooks = Files.createDirectories(tmp.resolve("home/my-notebooks"));
        assertThat(Check.find(notebooks)).isEqualTo(kit);
        // two kits side by side: ask which
        exercisesIn(tmp.resolve("home/convkit-copy"));
        assertThatThrownBy(() -> Check.find(notebooks)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than one exercises/ folder")
                .hasMessageContaining(tmp.resolve("home/convkit/exercises").toString())
                .hasMessageContaining(tmp.resolve("home/convkit-copy/exercises").toString())
                .hasMessageContaining("convkit.grading.Check.exercises(\"");
    }

    @Test
    void notFoundSaysWhereItLookedAndWhatToRunInACell() throws IOException {
        Path lonely = Files.createDirectories(tmp.resolve("a/b/notebooks"));
        assertThatThrownBy(() -> Check.find(lonely)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot find your exercises/ folder")
                .hasMessageContaining(lonely.resolve("exercises").toString())
                .hasMessageContaining(tmp.resolve("a/b/exercises").toString())
                .hasMessageContaining("convkit.grading.Check.exercises(\"/home/me/convkit/exercises\");")
                .hasMessageNotContaining("-D");
    }

    @Test
    void namedOnceInACellThenUsedByEveryCheck() throws IOException {
        Path kit = exercisesIn(tmp.resolve("far/away/kit"));
        assertThat(Check.exercises(kit.resolve("exercises").toString())).isEqualTo(kit.resolve("exercises"));
        assertThat(Check.root()).isEqualTo(kit);
        Check.forget();
        assertThat(Check.exercises(kit.toString())).isEqualTo(kit.resolve("exercises"));   // the folder holding it
        assertThat(Check.root()).isEqualTo(kit);
        assertThatThrownBy(() -> Check.exercises(tmp.resolve("nothing").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("convkit.grading.Check.exercises(");
        Path renamed = Files.createDirectories(tmp.resolve("mine"));
        Files.createDirectories(renamed.resolve("src/main/java"));
        Files.createDirectories(renamed.resolve("src/test/java"));
        assertThatThrownBy(() -> Check.exercises(renamed.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rename it to exercises");
        assertThat(Check.root()).isEqualTo(kit);   // a wrong name keeps the folder named before
    }

    @Test
    void theRealKitIsFoundFromItsNotebookFolder() {
        Path repo = Path.of("").toAbsolutePath();
        assertThat(Check.find(repo.resolve("notebooks"))).isEqualTo(repo);
    }
}
