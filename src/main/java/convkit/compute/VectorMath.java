package convkit.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sigmoid with the vector API, used by the sigmoid layer ({@code convkit.nn.Sigmoid}) when {@link Simd#enabled()}: four elements per step, with
 * an exponential of our own made only of exactly specified operations (fused multiply-add, add, multiply, divide,
 * integer add and shift), so that, unlike the vector API's {@code lanewise(EXP)}, whose result the API leaves open,
 * it gives the same bits interpreted and compiled.
 *
 * <p>{@code e = exp(-|x|)}: {@code -|x| = k ln 2 + r} with {@code |r| <= ln(2)/2} (Cody-Waite, ln 2 in two parts),
 * {@code exp(r)} by its Taylor polynomial of degree 13 (Horner, fused multiply-add; truncation error below 1e-17
 * relative), times {@code 2^k} built from the exponent bits; for {@code |x| > 708.396}, {@code e = 0} (the true value
 * is below {@link Double#MIN_NORMAL}, 2.2e-308). Then {@code sigmoid(x) = 1 / (1 + e)} for {@code x >= 0} and {@code e / (1 + e)} for {@code x < 0}:
 * no overflow anywhere, {@code sigmoid(-inf) = 0}, {@code sigmoid(inf) = 1}, NaN stays NaN. The results agree with
 * {@code 1 / (1 + Math.exp(-x))} to within 3 ulps (the largest difference over {@code VectorMathTest}'s 400,003 inputs).
 */
public final class VectorMath {
    /*
     * The preferred species, like every other vector loop of the library: HotSpot profiles the vector API's methods
     * (intoArray, fromArray, ...) per call site inside the JDK, shared by all callers, so one loop on 256-bit vectors
     * next to the 512-bit GEMM makes those profiles bimorphic and C2 then fails to intrinsify the GEMM's stores: a
     * 10x slower float64 LeNet step, depending on which loop ran first.
     */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;      // ln 2 rounded to 32 significant bits: k * LN2_HI is exact
    private static final double LN2_LO = 1.9082149292705877e-10;   // ln 2 - LN2_HI
    private static final double SHIFTER = 0x1.8p52;                // adding it rounds to an integer, kept in the low bits
    private static final double LIMIT = 708.3964185322641;        // exp(-LIMIT) is Double.MIN_NORMAL
    private static final double[] TAYLOR = new double[14];         // 1/n!, n = 0..13

    static {
        double f = 1;
        for (int n = 0; n < TAYLOR.length; n++) {
            if (n > 0) f *= n;
            TAYLOR[n] = 1.0 / f;
        }
    }

    private VectorMath() {
    }

    /** {@code out[i] = sigmoid(x[i])} for {@code from <= i < to}; x is only read. */
    public static void sigmoid(double[] x, double[] out, int from, int to) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int lanes = S.length();
        int i = from, end = from + (to - from) / lanes * lanes;
        for (; i < end; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            DoubleVector a = v.abs();
            DoubleVector e = expOfMinus(a);
            e = e.blend(0.0, a.compare(VectorOperators.GT, LIMIT));
            DoubleVector d = one.add(e);
            VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
            one.blend(e, negative).div(d).intoArray(out, i);
        }
        for (; i < to; i++) out[i] = scalar(x[i]);
    }

    /** The same computation for one element (the tail of a range), so the two paths agree bit for bit. */
    public static double scalar(double x) {
        double a = Math.abs(x);
        double e = a > LIMIT ? 0.0 : expOfMinus(a);
        return (x < 0 ? e : 1.0) / (1.0 + e);
    }

    /** {@code exp(-a)} for {@code 0 <= a <= 708} (other lanes give garbage that the caller masks; NaN stays NaN). */
    private static DoubleVector expOfMinus(DoubleVector a) {
        DoubleVector y = a.neg();
        DoubleVector t = y.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
        DoubleVector k = t.sub(SHIFTER);
        DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), y);
        r = k.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(S, TAYLOR[13]);
        for (int n = 12; n >= 0; n--) p = p.fma(r, DoubleVector.broadcast(S, TAYLOR[n]));
        LongVector bits = (LongVector) t.reinterpretAsLongs();
        DoubleVector scale = bits.add(1023L).lanewise(VectorOperators.LSHL, 52L).reinterpretAsDoubles();
        return p.mul(scale);
    }

    private static double expOfMinus(double a) {
        double y = -a;
        double t = Math.fma(y, LOG2E, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(-k, LN2_HI, y);
        r = Math.fma(-k, LN2_LO, r);
        double p = TAYLOR[13];
        for (int n = 12; n >= 0; n--) p = Math.fma(p, r, TAYLOR[n]);
        long bits = Double.doubleToRawLongBits(t);
        return p * Double.longBitsToDouble((bits + 1023L) << 52);
    }

    // ---------------------------------------------------------------- float32

    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E_F = 1.442695f;
    private static final float LN2_HI_F = 0.693145751953125f;     // 15 significant bits: k * LN2_HI_F is exact for |k| < 2^9
    private static final float LN2_LO_F = 1.4286068e-6f;          // ln 2 - LN2_HI_F
    private static final float SHIFTER_F = 0x1.8p23f;
    private static final float LIMIT_F = 87.33654f;               // exp(-LIMIT_F) is Float.MIN_NORMAL
    private static final float[] TAYLOR_F = new float[9];         // 1/n!, n = 0..8: truncation below 2^-27 for |r| <= ln(2)/2

    static {
        for (int n = 0; n < TAYLOR_F.length; n++) TAYLOR_F[n] = (float) TAYLOR[n];
    }

    /**
     * float32 {@code out[i] = sigmoid(x[i])} for {@code from <= i < to} at the preferred vector width (sixteen floats on
     * AVX-512), the same scheme in float arithmetic (Taylor degree 8); x is only read. Within 2 ulps (float) of
     * {@code (float) (1 / (1 + Math.exp(-x)))} ({@code VectorMathTest}); the same bits interpreted and compiled.
     */
    public static void sigmoid(float[] x, float[] out, int from, int to) {
        FloatVector one = FloatVector.broadcast(SF, 1f);
        int lanes = SF.length();
        int i = from, end = from + (to - from) / lanes * lanes;
        for (; i < end; i += lanes) {
            FloatVector v = FloatVector.fromArray(SF, x, i);
            FloatVector a = v.abs();
            FloatVector e = expOfMinus(a);
            e = e.blend(0f, a.compare(VectorOperators.GT, LIMIT_F));
            FloatVector d = one.add(e);
            VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
            one.blend(e, negative).div(d).intoArray(out, i);
        }
        for (; i < to; i++) out[i] = scalar(x[i]);
    }

    /** The float32 computation for one element, bit for bit what a vector lane computes. */
    public static float scalar(float x) {
        float a = Math.abs(x);
        float e = a > LIMIT_F ? 0f : expOfMinus(a);
        return (x < 0 ? e : 1f) / (1f + e);
    }

    private static FloatVector expOfMinus(FloatVector a) {
        FloatVector y = a.neg();
        FloatVector t = y.fma(FloatVector.broadcast(SF, LOG2E_F), FloatVector.broadcast(SF, SHIFTER_F));
        FloatVector k = t.sub(SHIFTER_F);
        FloatVector r = k.neg().fma(FloatVector.broadcast(SF, LN2_HI_F), y);
        r = k.neg().fma(FloatVector.broadcast(SF, LN2_LO_F), r);
        FloatVector p = FloatVector.broadcast(SF, TAYLOR_F[8]);
        for (int n = 7; n >= 0; n--) p = p.fma(r, FloatVector.broadcast(SF, TAYLOR_F[n]));
        IntVector bits = (IntVector) t.reinterpretAsInts();
        FloatVector scale = bits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    private static float expOfMinus(float a) {
        float y = -a;
        float t = Math.fma(y, LOG2E_F, SHIFTER_F);
        float k = t - SHIFTER_F;
        float r = Math.fma(-k, LN2_HI_F, y);
        r = Math.fma(-k, LN2_LO_F, r);
        float p = TAYLOR_F[8];
        for (int n = 7; n >= 0; n--) p = Math.fma(p, r, TAYLOR_F[n]);
        int bits = Float.floatToRawIntBits(t);
        return p * Float.intBitsToFloat((bits + 127) << 23);
    }

    // ---------------------------------------------------------------- element-wise sums (exact: the same bits as a loop)

    /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < len}, at the preferred vector width. */
    public static void addInto(double[] src, int sOff, double[] dst, int dOff, int len) {
        VectorSpecies<Double> sp = DoubleVector.SPECIES_PREFERRED;
        int i = 0, end = len - len % sp.length();
        for (; i < end; i += sp.length()) {
            DoubleVector.fromArray(sp, dst, dOff + i).add(DoubleVector.fromArray(sp, src, sOff + i)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) dst[dOff + i] += src[sOff + i];
    }

    /** The float32 {@link #addInto(double[], int, double[], int, int)}. */
    public static void addInto(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0, end = len - len % SF.length();
        for (; i < end; i += SF.length()) {
            FloatVector.fromArray(SF, dst, dOff + i).add(FloatVector.fromArray(SF, src, sOff + i)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) dst[dOff + i] += src[sOff + i];
    }
}
