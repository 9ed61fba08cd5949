package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Tensor;
import convkit.grading.Graded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Visible tests of exercises 7.9.2 (im2col) and 7.9.3 (col2im). */
class ScratchIm2ColTest {

    /** The DLFS layout written out directly: element (row, col) of im2col. */
    static Tensor reference(Tensor x, int fh, int fw, int s, int p) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = (h + 2 * p - fh) / s + 1, ow = (w + 2 * p - fw) / s + 1;
        Tensor col = Tensor.zeros(n * oh * ow, c * fh * fw);
        for (int r = 0; r < n * oh * ow; r++) {
            int b = r / (oh * ow), oy = r / ow % oh, ox = r % ow;
            for (int q = 0; q < c * fh * fw; q++) {
                int ch = q / (fh * fw), i = q / fw % fh, j = q % fw;
                int y = oy * s + i - p, xx = ox * s + j - p;
                col.set(y < 0 || y >= h || xx < 0 || xx >= w ? 0 : x.get(b, ch, y, xx), r, q);
            }
        }
        return col;
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.data()[i] * b.data()[i];
        return s;
    }

    @Test
    @Graded(number = "7.9.2.1", points = 1, hint = "Rows: N * out_h * out_w; columns: C * fh * fw (DLFS 7.4.3: (9, 75) and (90, 75))")
    void dlfsShapes() {
        // DLFS 7.4.3 (seed 001): x1 (1, 3, 7, 7) with a 5 x 5 filter -> (9, 75); x2 (10, 3, 7, 7) -> (90, 75)
        assertArrayEquals(new int[] {9, 75}, ScratchIm2Col.im2col(Tensor.rand(1, 1, 3, 7, 7), 5, 5, 1, 0).shape());
        assertArrayEquals(new int[] {90, 75}, ScratchIm2Col.im2col(Tensor.rand(2, 10, 3, 7, 7), 5, 5, 1, 0).shape());
    }

    @ParameterizedTest(name = "x (2, 2, 5, 6), filter {0}x{1}, stride {2}, pad {3}")
    @CsvSource({"3, 3, 1, 0", "2, 2, 2, 0", "3, 2, 1, 1", "3, 3, 2, 1"})
    @Graded(number = "7.9.2.2", points = 3, hint = "Row (n*out_h + oy)*out_w + ox, column (c*fh + i)*fw + j, value xpad[n][c][oy*stride + i][ox*stride + j]")
    void im2colValues(int fh, int fw, int s, int p) {
        Tensor x = Tensor.randn(792, 2, 2, 5, 6);
        Tensor expected = reference(x, fh, fw, s, p), got = ScratchIm2Col.im2col(x.copy(), fh, fw, s, p);
        assertArrayEquals(expected.shape(), got.shape(), "shape");
        assertTrue(expected.allClose(got, 0, 0), () -> "im2col differs from the DLFS layout; expected\n" + expected + "\nbut got\n" + got);
    }

    @ParameterizedTest(name = "filter {0}x{1}, stride {2}, pad {3}")
    @CsvSource({"3, 3, 1, 0", "2, 2, 2, 0", "3, 2, 1, 1", "3, 3, 2, 1"})
    @Graded(number = "7.9.3.1", points = 3,
            hint = "col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)>; add (+=) where windows overlap, never overwrite")
    void col2imIsTheAdjoint(int fh, int fw, int s, int p) {
        int[] shape = {2, 2, 5, 6};
        Tensor x = Tensor.randn(793, shape);
        Tensor col = reference(Tensor.zeros(shape), fh, fw, s, p);
        Tensor c = Tensor.randn(794, col.shape());
        Tensor back = ScratchIm2Col.col2im(c.copy(), shape.clone(), fh, fw, s, p);   // copies: the answer cannot change c or shape
        assertArrayEquals(shape, back.shape(), "col2im must return the image shape");
        assertEquals(dot(reference(x, fh, fw, s, p), c), dot(x, back), 1e-9, "<im2col(x), c> must equal <x, col2im(c)>");
    }

    @Test
    @Graded(number = "7.9.3.2", points = 1, hint = "Each pixel receives one contribution per window that covers it")
    void col2imCountsOverlaps() {
        // 2x2 windows, stride 1, on 3x3: the corner is in 1 window, the edge middles in 2, the centre in 4
        Tensor ones = Tensor.ones(4, 4);
        Tensor back = ScratchIm2Col.col2im(ones, new int[] {1, 1, 3, 3}, 2, 2, 1, 0);
        assertEquals(Tensor.of(new double[][][][] {{{{1, 2, 1}, {2, 4, 2}, {1, 2, 1}}}}), back);
    }
}
