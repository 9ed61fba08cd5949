package convkit.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the graded sources are found in a hand-in: the kit layout, a zip of it, or loose .java files. */
class SubmissionTest {
    static final String SEC73 = "package convkit.exercises;\n\npublic final class Sec73PaddingStride { }\n";
    static final String SEC72 = "// my answers\npackage convkit.exercises;\npublic final class Sec72Kernels { }\n";

    @TempDir
    Path tmp;

    @Test
    void findsTheKitLayout() throws IOException {
        Path kit = tmp.resolve("upload/convkit/exercises/src/main/java/convkit/exercises");
        Files.createDirectories(kit);
        Files.writeString(kit.resolve("Sec73PaddingStride.java"), SEC73);
        assertThat(Submission.locateIn(tmp.resolve("upload"), tmp.resolve("scratch")))
                .isEqualTo(tmp.resolve("upload/convkit/exercises/src/main/java"));
    }

    @Test
    void looseJavaFilesUploadedOneByOneAreGraded() throws IOException {
        // Gradescope's upload dialog with the .java files dragged in: /autograder/submission/Sec73PaddingStride.java ...
        Path upload = tmp.resolve("upload");
        Files.createDirectories(upload.resolve("more"));
        Files.writeString(upload.resolve("Sec73PaddingStride.java"), SEC73);
        Files.writeString(upload.resolve("more/Sec72Kernels.java"), SEC72);
        Files.writeString(upload.resolve("Notes.java"), "package my.stuff; class Notes { }");
        Files.writeString(upload.resolve("readme.txt"), "package convkit.exercises;");
        Path root = Submission.locateIn(upload, tmp.resolve("scratch"));
        assertThat(root).isEqualTo(tmp.resolve("scratch/loose"));
        Path pkg = root.resolve("convkit/exercises");
        assertThat(Files.readString(pkg.resolve("Sec73PaddingStride.java"))).isEqualTo(SEC73);
        assertThat(Files.readString(pkg.resolve("Sec72Kernels.java"))).isEqualTo(SEC72);
        try (var s = Files.list(pkg)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("Sec73PaddingStride.java", "Sec72Kernels.java");
        }
    }

    @Test
    void looseJavaFilesInAZipOrAClassFolderAreGraded() throws IOException {
        Path upload = tmp.resolve("upload");
        Files.createDirectories(upload);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(upload.resolve("answers.zip")))) {
            z.putNextEntry(new ZipEntry("Sec73PaddingStride.java"));
            z.write(SEC73.getBytes());
            z.closeEntry();
        }
        Path root = Submission.locateIn(upload, tmp.resolve("scratch"));
        assertThat(root.resolve("convkit/exercises/Sec73PaddingStride.java")).hasContent(SEC73);

        // grade-class: a student folder holding the files themselves
        Path student = tmp.resolve("class/ada");
        Files.createDirectories(student);
        Files.writeString(student.resolve("Sec72Kernels.java"), SEC72);
        Path found = new Submission("ada", student).sourceRoot(tmp.resolve("scratch2"));
        assertThat(found.resolve("convkit/exercises/Sec72Kernels.java")).hasContent(SEC72);
    }

    @Test
    void nothingToGradeIsNull() throws IOException {
        Path upload = tmp.resolve("upload");
        Files.createDirectories(upload);
        Files.writeString(upload.resolve("Other.java"), "class Other { }");
        assertThat(Submission.locateIn(upload, tmp.resolve("scratch"))).isNull();
        assertThat(Submission.locateIn(tmp.resolve("missing"), tmp.resolve("scratch"))).isNull();
    }
}
