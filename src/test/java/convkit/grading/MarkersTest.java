package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkersTest {

    @Test
    void blockWithMessageBecomesAThrowAtTheMarkersIndentation() {
        String src = "int f() {\n    // BEGIN SOLUTION Exercise 7.9.1: implement f\n    return 42;\n    // END SOLUTION\n}";
        assertThat(Markers.stub(src, "F.java"))
                .isEqualTo("int f() {\n    throw new UnsupportedOperationException(\"Exercise 7.9.1: implement f\");\n}");
    }

    @Test
    void stubLinesReplaceTheBlock() {
        String src = "int f() {\n  // BEGIN SOLUTION\n  return 42;\n  // STUB: return 0; // TODO\n  // END SOLUTION\n}";
        assertThat(Markers.stub(src, "F.java")).isEqualTo("int f() {\n  return 0; // TODO\n}");
    }

    @Test
    void solutionOnlyBlocksVanish() {
        String src = "a\n// BEGIN SOLUTION-ONLY\nprivate static int helper() { return 1; }\n// END SOLUTION-ONLY\nb";
        assertThat(Markers.stub(src, "F.java")).isEqualTo("a\nb");
    }

    @Test
    void quotesInTheMessageAreEscaped() {
        String src = "// BEGIN SOLUTION say \"hi\"\nx();\n// END SOLUTION";
        assertThat(Markers.stub(src, "F.java")).isEqualTo("throw new UnsupportedOperationException(\"say \\\"hi\\\"\");");
    }

    @Test
    void unbalancedMarkersNameFileAndLine() {
        assertThatThrownBy(() -> Markers.stub("a\n// BEGIN SOLUTION x\nb", "A.java"))
                .isInstanceOf(Markers.MarkerException.class).hasMessage("A.java:2: BEGIN SOLUTION is never closed");
        assertThatThrownBy(() -> Markers.stub("a\n// END SOLUTION", "B.java"))
                .hasMessage("B.java:2: END SOLUTION without BEGIN SOLUTION");
        assertThatThrownBy(() -> Markers.stub("// BEGIN SOLUTION x\n// BEGIN SOLUTION y\n// END SOLUTION\n// END SOLUTION", "C.java"))
                .hasMessageContaining("C.java:2: BEGIN SOLUTION inside the block opened at line 1");
        assertThatThrownBy(() -> Markers.stub("// STUB: x();", "D.java")).hasMessageContaining("D.java:1: // STUB: outside");
        assertThatThrownBy(() -> Markers.stub("// BEGIN SOLUTION-ONLY\n// END SOLUTION", "E.java"))
                .hasMessageContaining("E.java:2: END does not match");
    }

    @Test
    void aBlockNeedsAMessageOrAStub() {
        assertThatThrownBy(() -> Markers.stub("// BEGIN SOLUTION\nx();\n// END SOLUTION", "F.java"))
                .hasMessageContaining("F.java:1: a SOLUTION block needs a message");
    }
}
