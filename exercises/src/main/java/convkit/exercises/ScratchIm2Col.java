package convkit.exercises;

import convkit.Tensor;

/**
 * From-scratch exercises 7.9.2 and 7.9.3 (notebook 05): im2col and col2im of Deep Learning from Scratch 7.4
 * ({@code common/util.py}), with the same layout as {@code Ops.im2col}: one row per output position, ordered
 * (n, oy, ox), and one column per input value of the window, ordered (c, i, j). Padding is zeros, p on every side;
 * out_h = (h + 2p - fh) / stride + 1 (floor).
 */
public final class ScratchIm2Col {
    private ScratchIm2Col() {
    }

    /**
     * 7.9.2 Unrolls every filter window of x into a row.
     *
     * @param x (N, C, H, W); not modified
     * @return (N*out_h*out_w, C*fh*fw)
     */
    public static Tensor im2col(Tensor x, int fh, int fw, int stride, int pad) {
        throw new UnsupportedOperationException("Exercise 7.9.2: implement im2col (DLFS 7.4.3); row (n*oh + oy)*ow + ox, column (c*fh + i)*fw + j");
    }

    /**
     * 7.9.3 The adjoint of im2col: scatters every row back to its window and ADDS where windows overlap (values
     * that fall on the padding are dropped).
     *
     * @param col    (N*out_h*out_w, C*fh*fw); not modified
     * @param xShape {N, C, H, W}
     * @return (N, C, H, W)
     */
    public static Tensor col2im(Tensor col, int[] xShape, int fh, int fw, int stride, int pad) {
        throw new UnsupportedOperationException("Exercise 7.9.3: implement col2im: the same loops as im2col, but adding into the image");
    }
}
