package convkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The list of commands exists once, in {@link Main#GROUPS}: docs/commands.md is the help output made from it (this test
 * fails when they differ; {@code mvn -q test -Dtest=CommandsDocTest -Dconvkit.commandsDoc=write} rewrites the page),
 * and every {@code ./convkit ...} line in a shell block of the README or of docs/ parses as a command of it.
 */
class CommandsDocTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path PAGE = ROOT.resolve("docs/commands.md");

    static String help(String... args) {
        CommandLine cl = Main.commandLine("./convkit");
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int status = cl.execute(args);
        assertThat(status).as("help of %s", List.of(args)).isZero();
        return out.toString();
    }

    /** docs/commands.md: the list, then every command's help. */
    static String page() {
        StringBuilder md = new StringBuilder();
        md.append("# Commands\n\n")
                .append("Generated from the command line's own help (`./convkit help`, `./convkit COMMAND --help`; on Windows\n")
                .append("`convkit.cmd`, anywhere `java -jar target/convkit.jar`) by `CommandsDocTest`, which fails when this page\n")
                .append("and the help differ. A bad option or a missing value prints what is wrong and exits with status 2; a command\n")
                .append("whose work fails prints why and exits with status 1.\n\n")
                .append("```text\n$ ./convkit help\n").append(help("help")).append("```\n");
        CommandLine cl = Main.commandLine("./convkit");
        for (List<Class<?>> group : Main.GROUPS.values()) {
            for (Class<?> c : group) {
                String name = c.getAnnotation(CommandLine.Command.class).name();
                if (name.equals("help")) continue;
                section(md, List.of(name), cl.getSubcommands().get(name));
            }
        }
        return md.toString();
    }

    private static void section(StringBuilder md, List<String> path, CommandLine cl) {
        md.append("\n## ").append(String.join(" ", path)).append("\n\n```text\n$ ./convkit ").append(String.join(" ", path))
                .append(" --help\n");
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        md.append(help(args.toArray(new String[0]))).append("```\n");
        for (CommandLine sub : cl.getSubcommands().values().stream().distinct().toList()) {
            List<String> p = new ArrayList<>(path);
            p.add(sub.getCommandName());
            section(md, p, sub);
        }
    }

    @Test
    void theCommandsPageIsTheHelpOutput() throws IOException {
        String expected = page();
        if ("write".equals(System.getProperty("convkit.commandsDoc"))) Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/commands.md is the help output; rewrite it with mvn -q test -Dtest=CommandsDocTest -Dconvkit.commandsDoc=write")
                .isEqualTo(expected);
    }

    /** {@code ./convkit ARGS} (or convkit.cmd, java -jar target/convkit.jar) lines in ```bash blocks of the README and docs/. */
    static List<String[]> documentedCommandLines() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("exercises/README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Pattern block = Pattern.compile("```(?:bash|sh|shell|console|bat)\\n(.*?)```", Pattern.DOTALL);
        Pattern command = Pattern.compile("(?:^|\\s|\\$ )(?:\\./convkit|convkit\\.cmd|java -jar target/convkit\\.jar)((?: [^#&|;]*)?)");
        List<String[]> lines = new ArrayList<>();
        for (Path page : pages) {
            if (!Files.exists(page)) continue;
            Matcher b = block.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (b.find()) {
                for (String line : b.group(1).split("\n")) {
                    Matcher m = command.matcher(line);
                    while (m.find()) {
                        String args = m.group(1).strip();
                        List<String> all = new ArrayList<>();
                        all.add(ROOT.relativize(page) + ": " + line.strip());
                        if (!args.isEmpty()) all.addAll(List.of(args.split("\\s+")));
                        lines.add(all.toArray(new String[0]));
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<String[]> lines = documentedCommandLines();
        assertThat(lines).as("the README shows commands").hasSizeGreaterThan(10);
        List<String> bad = new ArrayList<>();
        for (String[] l : lines) {
            String[] args = java.util.Arrays.copyOfRange(l, 1, l.length);
            try {
                Main.commandLine("./convkit").parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                bad.add(l[0] + "  ->  " + e.getMessage());
            }
        }
        assertThat(bad).as("documented command lines that the command line rejects").isEmpty();
    }
}
