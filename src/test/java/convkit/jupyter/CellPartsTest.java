package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellPartsTest {

    @Test
    void magicLinesSplitTheCellInOrder() {
        List<CellParts.Part> parts = CellParts.split("int a = 1;\n%jars lib/*.jar other.jar\na + 1");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).isMagic()).isFalse();
        assertThat(parts.get(0).code()).isEqualTo("int a = 1;\n");
        assertThat(parts.get(1).magic()).isEqualTo("jars");
        assertThat(parts.get(1).args()).containsExactly("lib/*.jar", "other.jar");
        assertThat(parts.get(2).code()).contains("a + 1");
    }

    @Test
    void quotesGroupArgumentsAndBackslashEscapes() {
        assertThat(CellParts.splitArgs(" \"my dir/a.jar\"  b\\ c.jar  ")).containsExactly("my dir/a.jar", "b c.jar");
        assertThat(CellParts.splitArgs("")).isEmpty();
    }

    @Test
    void percentInsideATextBlockIsJava() {
        String cell = "String s = \"\"\"\n%jars not-a-magic\n\"\"\";\ns";
        List<CellParts.Part> parts = CellParts.split(cell);
        assertThat(parts).singleElement().satisfies(p -> assertThat(p.isMagic()).isFalse());
    }

    @Test
    void moduloOnAContinuationLineIsNotAMagicUnlessItStartsWithAName() {
        assertThat(CellParts.split("int r = 7\n  % 3;")).singleElement()
                .satisfies(p -> assertThat(p.isMagic()).isFalse());
        assertThat(CellParts.split("int r = 7\n  %3;")).singleElement()
                .satisfies(p -> assertThat(p.isMagic()).isFalse());
    }
}
