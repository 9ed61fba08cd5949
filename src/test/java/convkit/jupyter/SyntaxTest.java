package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** is_complete's "invalid": javac's parser, trying a snippet as member, statements, expression and imports. */
class SyntaxTest {

    @Test
    void validSnippetsOfEveryKindParse() {
        for (String ok : new String[] {"int x = 1;", "1 + 1", "f(2)", "System.out.println(\"hi\");",
                "int f(int x) {\n  return x * 2;\n}", "class A { }", "record P(int x, int y) { }", "enum E { A, B }",
                "import java.util.*;", "import static java.lang.Math.max;", "var s = \"\"\"\n  text\n  \"\"\";",
                "for (int i = 0; i < 3; i++) { }", "@Deprecated int q = 1;", "int x = \"type error, not syntax\";"}) {
            assertThat(Syntax.parses(ok)).as(ok).isTrue();
        }
    }

    @Test
    void syntaxErrorsDoNot() {
        for (String bad : new String[] {"int = 7q;", "x +* 2;", "import = 7q", "class { }", "int 3x = 1;"}) {
            assertThat(Syntax.parses(bad)).as(bad).isFalse();
        }
    }
}
