package convkit.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of the direct float32 convolution ({@code convkit.ops.DirectConv}): a matrix product
 * {@code C[r][l] (+)= sum_k A(r, k) * B[k][l]} whose A is never packed: its element (r, k) is read straight from an
 * image, {@code a[base[r] + shift + offs[k]]}, and broadcast, while row k of B (weights, or an output gradient with
 * the channels as its columns) is one or two vectors of {@link #L} lanes.
 *
 * <p>For a forward convolution the rows r are output positions (base: where the position's window starts in the
 * image), k runs over the taps (c, i, j) (offs: where the tap is relative to the window) and the lanes are output
 * channels; for dL/dW the rows are taps, k runs over output positions and the lanes are output channels again; for
 * dL/dx the image is the padded output gradient. Each element of C is one chain of fused multiply-adds over
 * {@code k = k0, k0+1, ...} in that order, starting from the value in {@code acc}: the result does not depend on the
 * JIT. Every index must be in range (the caller repeats a valid row to fill a partial tile).
 */
public final class ConvKernelsF {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    public static final int L = S.length();

    private ConvKernelsF() {
    }

    /**
     * Six rows by two vectors: {@code acc[accOff + r*accLd + l] += sum over k in [k0, k0+kn) of
     * a[base[bi+r] + shift + offs[k]] * b[bOff + (k-k0)*ldb + l]} for r in [0, 6), l in [0, 2L).
     */
    public static void tile6x2(float[] a, int[] base, int bi, int shift, int[] offs, int k0, int kn,
                               float[] b, int bOff, int ldb, float[] acc, int accOff, int accLd) {
        int a0 = base[bi] + shift, a1 = base[bi + 1] + shift, a2 = base[bi + 2] + shift;
        int a3 = base[bi + 3] + shift, a4 = base[bi + 4] + shift, a5 = base[bi + 5] + shift;
        int r1 = accOff + accLd, r2 = r1 + accLd, r3 = r2 + accLd, r4 = r3 + accLd, r5 = r4 + accLd;
        FloatVector c00 = FloatVector.fromArray(S, acc, accOff), c01 = FloatVector.fromArray(S, acc, accOff + L);
        FloatVector c10 = FloatVector.fromArray(S, acc, r1), c11 = FloatVector.fromArray(S, acc, r1 + L);
        FloatVector c20 = FloatVector.fromArray(S, acc, r2), c21 = FloatVector.fromArray(S, acc, r2 + L);
        FloatVector c30 = FloatVector.fromArray(S, acc, r3), c31 = FloatVector.fromArray(S, acc, r3 + L);
        FloatVector c40 = FloatVector.fromArray(S, acc, r4), c41 = FloatVector.fromArray(S, acc, r4 + L);
        FloatVector c50 = FloatVector.fromArray(S, acc, r5), c51 = FloatVector.fromArray(S, acc, r5 + L);
        for (int k = k0, end = k0 + kn, bp = bOff; k < end; k++, bp += ldb) {
            int o = offs[k];
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[a1 + o]);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[a2 + o]);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[a3 + o]);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[a4 + o]);
            c40 = x.fma(y0, c40);
            c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[a5 + o]);
            c50 = x.fma(y0, c50);
            c51 = x.fma(y1, c51);
        }
        c00.intoArray(acc, accOff);
        c01.intoArray(acc, accOff + L);
        c10.intoArray(acc, r1);
        c11.intoArray(acc, r1 + L);
        c20.intoArray(acc, r2);
        c21.intoArray(acc, r2 + L);
        c30.intoArray(acc, r3);
        c31.intoArray(acc, r3 + L);
        c40.intoArray(acc, r4);
        c41.intoArray(acc, r4 + L);
        c50.intoArray(acc, r5);
        c51.intoArray(acc, r5 + L);
    }

    /** Twelve rows by one vector: like {@link #tile6x2} for r in [0, 12), l in [0, L). */
    public static void tile12x1(float[] a, int[] base, int bi, int shift, int[] offs, int k0, int kn,
                                float[] b, int bOff, int ldb, float[] acc, int accOff, int accLd) {
        int a0 = base[bi] + shift, a1 = base[bi + 1] + shift, a2 = base[bi + 2] + shift;
        int a3 = base[bi + 3] + shift, a4 = base[bi + 4] + shift, a5 = base[bi + 5] + shift;
        int a6 = base[bi + 6] + shift, a7 = base[bi + 7] + shift, a8 = base[bi + 8] + shift;
        int a9 = base[bi + 9] + shift, a10 = base[bi + 10] + shift, a11 = base[bi + 11] + shift;
        int r1 = accOff + accLd, r2 = r1 + accLd, r3 = r2 + accLd, r4 = r3 + accLd, r5 = r4 + accLd;
        int r6 = r5 + accLd, r7 = r6 + accLd, r8 = r7 + accLd, r9 = r8 + accLd, r10 = r9 + accLd, r11 = r10 + accLd;
        FloatVector c0 = FloatVector.fromArray(S, acc, accOff), c1 = FloatVector.fromArray(S, acc, r1);
        FloatVector c2 = FloatVector.fromArray(S, acc, r2), c3 = FloatVector.fromArray(S, acc, r3);
        FloatVector c4 = FloatVector.fromArray(S, acc, r4), c5 = FloatVector.fromArray(S, acc, r5);
        FloatVector c6 = FloatVector.fromArray(S, acc, r6), c7 = FloatVector.fromArray(S, acc, r7);
        FloatVector c8 = FloatVector.fromArray(S, acc, r8), c9 = FloatVector.fromArray(S, acc, r9);
        FloatVector c10 = FloatVector.fromArray(S, acc, r10), c11 = FloatVector.fromArray(S, acc, r11);
        for (int k = k0, end = k0 + kn, bp = bOff; k < end; k++, bp += ldb) {
            int o = offs[k];
            FloatVector y = FloatVector.fromArray(S, b, bp);
            c0 = FloatVector.broadcast(S, a[a0 + o]).fma(y, c0);
            c1 = FloatVector.broadcast(S, a[a1 + o]).fma(y, c1);
            c2 = FloatVector.broadcast(S, a[a2 + o]).fma(y, c2);
            c3 = FloatVector.broadcast(S, a[a3 + o]).fma(y, c3);
            c4 = FloatVector.broadcast(S, a[a4 + o]).fma(y, c4);
            c5 = FloatVector.broadcast(S, a[a5 + o]).fma(y, c5);
            c6 = FloatVector.broadcast(S, a[a6 + o]).fma(y, c6);
            c7 = FloatVector.broadcast(S, a[a7 + o]).fma(y, c7);
            c8 = FloatVector.broadcast(S, a[a8 + o]).fma(y, c8);
            c9 = FloatVector.broadcast(S, a[a9 + o]).fma(y, c9);
            c10 = FloatVector.broadcast(S, a[a10 + o]).fma(y, c10);
            c11 = FloatVector.broadcast(S, a[a11 + o]).fma(y, c11);
        }
        c0.intoArray(acc, accOff);
        c1.intoArray(acc, r1);
        c2.intoArray(acc, r2);
        c3.intoArray(acc, r3);
        c4.intoArray(acc, r4);
        c5.intoArray(acc, r5);
        c6.intoArray(acc, r6);
        c7.intoArray(acc, r7);
        c8.intoArray(acc, r8);
        c9.intoArray(acc, r9);
        c10.intoArray(acc, r10);
        c11.intoArray(acc, r11);
    }

    /**
     * Six rows by two vectors with the roles turned (the image in the lanes, for few channels and stride 1):
     * {@code acc[accOff + r*accLd + l] += sum over k in [k0, k0+kn) of a[aOff + k*lda + r] * b[bBase + offs[k] + l]}
     * for r in [0, 6), l in [0, 2L): each k broadcasts six weights and loads two vectors of consecutive positions.
     */
    public static void tile6x2s(float[] a, int aOff, int lda, float[] b, int bBase, int[] offs, int k0, int kn,
                                float[] acc, int accOff, int accLd) {
        int r1 = accOff + accLd, r2 = r1 + accLd, r3 = r2 + accLd, r4 = r3 + accLd, r5 = r4 + accLd;
        FloatVector c00 = FloatVector.fromArray(S, acc, accOff), c01 = FloatVector.fromArray(S, acc, accOff + L);
        FloatVector c10 = FloatVector.fromArray(S, acc, r1), c11 = FloatVector.fromArray(S, acc, r1 + L);
        FloatVector c20 = FloatVector.fromArray(S, acc, r2), c21 = FloatVector.fromArray(S, acc, r2 + L);
        FloatVector c30 = FloatVector.fromArray(S, acc, r3), c31 = FloatVector.fromArray(S, acc, r3 + L);
        FloatVector c40 = FloatVector.fromArray(S, acc, r4), c41 = FloatVector.fromArray(S, acc, r4 + L);
        FloatVector c50 = FloatVector.fromArray(S, acc, r5), c51 = FloatVector.fromArray(S, acc, r5 + L);
        for (int k = k0, end = k0 + kn, ap = aOff + k0 * lda; k < end; k++, ap += lda) {
            int bp = bBase + offs[k];
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(y0, c40);
            c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(y0, c50);
            c51 = x.fma(y1, c51);
        }
        c00.intoArray(acc, accOff);
        c01.intoArray(acc, accOff + L);
        c10.intoArray(acc, r1);
        c11.intoArray(acc, r1 + L);
        c20.intoArray(acc, r2);
        c21.intoArray(acc, r2 + L);
        c30.intoArray(acc, r3);
        c31.intoArray(acc, r3 + L);
        c40.intoArray(acc, r4);
        c41.intoArray(acc, r4 + L);
        c50.intoArray(acc, r5);
        c51.intoArray(acc, r5 + L);
    }

    /**
     * Lane-wise dot products of six rows of {@code a} with two shifted runs of {@code b}, for dL/dW with few channels:
     * for r in [0, 6), s in [0, 2) and each lane l, {@code acc[accOff + r*accLd + s*L + l] += sum over v = 0, L, 2L, ...
     * below vn of a[aOff + r*lda + v + l] * b[bBase + (s == 0 ? o0 : o1) + v + l]}. The lanes are summed by the caller,
     * in a fixed order ({@code vn} must be a multiple of L).
     */
    public static void dot6x2(float[] a, int aOff, int lda, float[] b, int bBase, int o0, int o1, int vn,
                              float[] acc, int accOff, int accLd) {
        int r1 = accOff + accLd, r2 = r1 + accLd, r3 = r2 + accLd, r4 = r3 + accLd, r5 = r4 + accLd;
        FloatVector c00 = FloatVector.fromArray(S, acc, accOff), c01 = FloatVector.fromArray(S, acc, accOff + L);
        FloatVector c10 = FloatVector.fromArray(S, acc, r1), c11 = FloatVector.fromArray(S, acc, r1 + L);
        FloatVector c20 = FloatVector.fromArray(S, acc, r2), c21 = FloatVector.fromArray(S, acc, r2 + L);
        FloatVector c30 = FloatVector.fromArray(S, acc, r3), c31 = FloatVector.fromArray(S, acc, r3 + L);
        FloatVector c40 = FloatVector.fromArray(S, acc, r4), c41 = FloatVector.fromArray(S, acc, r4 + L);
        FloatVector c50 = FloatVector.fromArray(S, acc, r5), c51 = FloatVector.fromArray(S, acc, r5 + L);
        int a1 = aOff + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        int b0 = bBase + o0, b1 = bBase + o1;
        for (int v = 0; v < vn; v += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + v), y1 = FloatVector.fromArray(S, b, b1 + v);
            FloatVector x = FloatVector.fromArray(S, a, aOff + v);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            x = FloatVector.fromArray(S, a, a1 + v);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            x = FloatVector.fromArray(S, a, a2 + v);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            x = FloatVector.fromArray(S, a, a3 + v);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
            x = FloatVector.fromArray(S, a, a4 + v);
            c40 = x.fma(y0, c40);
            c41 = x.fma(y1, c41);
            x = FloatVector.fromArray(S, a, a5 + v);
            c50 = x.fma(y0, c50);
            c51 = x.fma(y1, c51);
        }
        c00.intoArray(acc, accOff);
        c01.intoArray(acc, accOff + L);
        c10.intoArray(acc, r1);
        c11.intoArray(acc, r1 + L);
        c20.intoArray(acc, r2);
        c21.intoArray(acc, r2 + L);
        c30.intoArray(acc, r3);
        c31.intoArray(acc, r3 + L);
        c40.intoArray(acc, r4);
        c41.intoArray(acc, r4 + L);
        c50.intoArray(acc, r5);
        c51.intoArray(acc, r5 + L);
    }
}
