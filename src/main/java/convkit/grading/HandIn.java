package convkit.grading;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-in is data: its files are read without following links, and only regular files count (a symbolic
 * link, a device, a pipe is refused with a note, so a hand-in cannot be a link to solutions/ or to another
 * student's work); its sources are decoded as UTF-8, UTF-8 with a byte-order mark, or else Latin-1 (with a note),
 * and written again as UTF-8 for the compiler.
 */
final class HandIn {
    private HandIn() {
    }

    /** Relative path -> file of every {@code *.java} under {@code root}, links and special files refused with a note. */
    static Map<String, Path> javaFiles(Path root, List<String> notes) {
        Map<String, Path> m = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
                    String rel = root.relativize(p).toString().replace(File.separatorChar, '/');
                    boolean source = rel.endsWith(".java");
                    if (a.isSymbolicLink()) {
                        if (source || rel.startsWith(Grader.EXERCISE_DIR)) notes.add(Messages.refusedLink(rel));
                    } else if (!a.isRegularFile()) {
                        if (source || rel.startsWith(Grader.EXERCISE_DIR)) notes.add(Messages.refusedSpecial(rel));
                    } else if (source) {
                        m.put(rel, p);
                    } else if (rel.startsWith(Grader.EXERCISE_DIR)) {
                        notes.add(Messages.notSource(rel));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    return FileVisitResult.CONTINUE;   // walkFileTree does not follow links: a linked folder is a "file"
                }

                @Override
                public FileVisitResult visitFileFailed(Path p, IOException e) {
                    notes.add(Messages.unreadable(root.relativize(p).toString(), e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Copies a source as UTF-8 text; returns a note when it was not plain UTF-8 (else null). */
    static String copySource(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) throw new IOException("not a regular file");
        byte[] b = Files.readAllBytes(from);
        String note = null;
        int off = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            off = 3;
            note = Messages.bom();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, b.length - off)).toString();
        } catch (CharacterCodingException e) {
            text = new String(b, off, b.length - off, StandardCharsets.ISO_8859_1);
            note = Messages.notUtf8("Latin-1 (ISO-8859-1)");
        }
        Files.writeString(to, text, StandardCharsets.UTF_8);
        return note;
    }
}
