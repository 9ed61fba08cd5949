package convkit.grading.batch;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The per-student part of a gradebook folder: {@code students/<id>/} holds {@code results.json}
 * (Gradescope's schema), {@code feedback.txt} (what the student may read), {@code report.txt} (the
 * instructor's view) and {@code grade.json} (which submission and which grader produced them).
 *
 * <p>Every file is written to a temporary file in the same folder and renamed over the old one, and
 * {@code grade.json} is written last: a run killed at any moment leaves either the previous complete
 * grade or the new one, and a student counts as graded only once {@code grade.json} names the
 * submission's current hash.
 */
final class ResultStore {
    static final String RESULTS = "results.json";
    static final String FEEDBACK = "feedback.txt";
    static final String REPORT = "report.txt";
    static final String STATE = "grade.json";

    /** What {@code grade.json} holds. */
    static final class State {
        String student;
        String submission_sha256;
        String grader_sha256;
        double score;
        double max_score;
        double seconds;
        String graded_at;
    }

    private final Path dir;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();

    ResultStore(Path outDir) {
        this.dir = outDir.resolve("students");
    }

    Path studentDir(String id) {
        return dir.resolve(id);
    }

    /** The recorded state of a student's grade, if complete (grade.json and results.json both present). */
    Optional<State> state(String id) {
        Path s = studentDir(id).resolve(STATE);
        if (!Files.isRegularFile(s) || !Files.isRegularFile(studentDir(id).resolve(RESULTS))) return Optional.empty();
        try {
            return Optional.ofNullable(gson.fromJson(Files.readString(s, StandardCharsets.UTF_8), State.class));
        } catch (IOException | JsonSyntaxException e) {
            return Optional.empty();
        }
    }

    /** True if the student's stored grade was made from exactly this submission by exactly this grader. */
    boolean isCurrent(String id, String submissionHash, String graderHash) {
        return state(id).map(st -> submissionHash.equals(st.submission_sha256) && graderHash.equals(st.grader_sha256)).orElse(false);
    }

    /** Writes one student's files atomically, grade.json last. */
    void write(String id, String resultsJson, String feedback, String report, State state) {
        Path d = studentDir(id);
        try {
            Files.createDirectories(d);
            Files.deleteIfExists(d.resolve(STATE)); // from here on the student counts as not graded until the end
            atomicWrite(d.resolve(RESULTS), resultsJson);
            atomicWrite(d.resolve(FEEDBACK), feedback);
            atomicWrite(d.resolve(REPORT), report);
            atomicWrite(d.resolve(STATE), gson.toJson(state) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to a temporary file next to {@code target} and renames it over {@code target}. */
    static void atomicWrite(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
