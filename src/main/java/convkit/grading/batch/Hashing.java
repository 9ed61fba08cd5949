package convkit.grading.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of files and folder trees (relative path + content of every regular file, in sorted order). */
final class Hashing {
    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    static void addString(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(intBytes(b.length));
        md.update(b);
    }

    static void addFile(MessageDigest md, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds every regular file under {@code root} (nothing if it does not exist), named relative to it. */
    static void addTree(MessageDigest md, Path root, String label) {
        addString(md, label);
        java.nio.file.LinkOption no = java.nio.file.LinkOption.NOFOLLOW_LINKS;
        if (root == null || !Files.exists(root, no)) return;
        if (Files.isSymbolicLink(root)) {   // a hand-in that is a link: its text, never what it points to
            try {
                addString(md, "link:" + Files.readSymbolicLink(root));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (Files.isRegularFile(root, no)) {
            addFile(md, root);
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(f -> Files.isRegularFile(f, no)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            addString(md, root.relativize(f).toString().replace('\\', '/'));
            addString(md, String.valueOf(sizeOf(f)));
            addFile(md, f);
        }
    }

    /** Content hash of a file or folder. */
    static String of(Path fileOrDir) {
        MessageDigest md = sha256();
        addTree(md, fileOrDir, "");
        return hex(md);
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
