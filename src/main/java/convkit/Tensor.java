package convkit;

import convkit.compute.Gemm;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of doubles in row-major order (images are NCHW: batch, channel, height, width).
 *
 * <p>A tensor owns a flat {@code double[]} and a shape. Every operation returns a new tensor unless its
 * Javadoc says it modifies the receiver ({@link #set}, {@link #fill}); {@link #reshape} shares the data, like a
 * NumPy view. Binary element-wise operations broadcast as NumPy does (shapes are aligned at the right; an
 * extent of 1 stretches). Randomness is seeded and uses {@link java.util.Random}, whose algorithm the JDK
 * specifies, so the same seed gives the same numbers on every JDK.
 *
 * <p>{@link #toString()} prints like NumPy's {@code np.array2string(a, separator=", ")}, e.g.
 * {@code [[19., 25.],\n [37., 43.]]}, so notebook output reads like the books.
 */
public final class Tensor {
    private final double[] data;
    private final float[] fdata;
    private final int[] shape;

    /**
     * The element type of a tensor. {@link #FLOAT64} ({@code double}, the default) is what every teaching operation,
     * {@code Ops} and the fixtures use; {@link #FLOAT32} ({@code float}, PyTorch's default) is the training path of
     * the layers and the trainer, {@link #to(DType)} converts.
     */
    public enum DType {
        FLOAT64, FLOAT32;

        /** The type named {@code name}: "float64" / "double" or "float32" / "float" (any case). */
        public static DType parse(String name) {
            return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
                case "float64", "double", "f64" -> FLOAT64;
                case "float32", "float", "f32" -> FLOAT32;
                default -> throw new IllegalArgumentException("dtype must be float64 or float32 but was \"" + name + "\"");
            };
        }

        /** "float64" or "float32", as PyTorch and NumPy spell them. */
        @Override
        public String toString() {
            return this == FLOAT64 ? "float64" : "float32";
        }
    }

    private Tensor(double[] data, int[] shape) {
        this.data = data;
        this.fdata = null;
        this.shape = shape;
    }

    private Tensor(float[] fdata, int[] shape) {
        this.data = null;
        this.fdata = fdata;
        this.shape = shape;
    }

    /**
     * Wraps the float32 array {@code data} without copying (a {@link DType#FLOAT32} tensor).
     *
     * @throws IllegalArgumentException if the shape has a negative extent or its product is not data.length
     */
    public static Tensor wrap(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        int[] s = checkShape("shape", shape);
        long n = product(s);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + n
                    + " elements but data has " + data.length);
        }
        return new Tensor(data, s);
    }

    /** A zero tensor of the given element type and shape. */
    public static Tensor zeros(DType dtype, int... shape) {
        if (dtype == DType.FLOAT32) {
            int[] s = checkShape("shape", shape);
            return new Tensor(new float[(int) product(s)], s);
        }
        return zeros(shape);
    }

    /** {@link DType#FLOAT64} (backed by {@link #data()}) or {@link DType#FLOAT32} (backed by {@link #floatData()}). */
    public DType dtype() {
        return fdata != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    /**
     * This tensor as {@code dtype}: itself when it already has that type, else a converted copy (float64 to float32
     * rounds to nearest, float32 to float64 is exact). Not modified.
     */
    public Tensor to(DType dtype) {
        if (dtype == null) throw new IllegalArgumentException("dtype must not be null");
        if (dtype == dtype()) return this;
        if (dtype == DType.FLOAT32) {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
            return new Tensor(f, shape.clone());
        }
        double[] d = new double[fdata.length];
        for (int i = 0; i < d.length; i++) d[i] = fdata[i];
        return new Tensor(d, shape.clone());
    }

    /** {@code to(DType.FLOAT32)}. */
    public Tensor toFloat32() {
        return to(DType.FLOAT32);
    }

    /** {@code to(DType.FLOAT64)}. */
    public Tensor toFloat64() {
        return to(DType.FLOAT64);
    }

    /**
     * The row-major backing array of a float32 tensor (not a copy).
     *
     * @throws IllegalStateException for a float64 tensor (use {@link #data()}, or {@link #toFloat32()})
     */
    public float[] floatData() {
        if (fdata == null) {
            throw new IllegalStateException("floatData() needs a float32 tensor but this one is float64 with shape "
                    + Arrays.toString(shape) + ": use data(), or toFloat32() for a float32 copy");
        }
        return fdata;
    }

    /** The float64 array, or the error that says this tensor is float32 and how to convert it. */
    private double[] d() {
        if (data == null) {
            throw new IllegalStateException("this operation works on float64 tensors but this one is float32 with shape "
                    + Arrays.toString(shape) + ": convert it with toFloat64() (float32 is the layers' training path; "
                    + "the tensor operations are float64)");
        }
        return data;
    }

    // ------------------------------------------------------------------ construction

    /**
     * Wraps {@code data} without copying; later writes to the array are seen by the tensor.
     *
     * @throws IllegalArgumentException if the shape has a negative extent or its product is not data.length
     */
    public static Tensor wrap(double[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        int[] s = checkShape("shape", shape);
        long n = product(s);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + n
                    + " elements but data has " + data.length);
        }
        return new Tensor(data, s);
    }

    /** Like {@link #wrap} but copies {@code data}. */
    public static Tensor fromArray(double[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return wrap(data.clone(), shape);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor of(double[] values) {
        if (values == null) throw new IllegalArgumentException("values must not be null");
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A 2-D tensor from rows of equal length. @throws IllegalArgumentException for ragged rows */
    public static Tensor of(double[][] values) {
        return ofNested(values, 2);
    }

    /** A 3-D tensor, e.g. (C, H, W). @throws IllegalArgumentException for ragged nesting */
    public static Tensor of(double[][][] values) {
        return ofNested(values, 3);
    }

    /** A 4-D tensor, e.g. (N, C, H, W). @throws IllegalArgumentException for ragged nesting */
    public static Tensor of(double[][][][] values) {
        return ofNested(values, 4);
    }

    private static Tensor ofNested(Object values, int rank) {
        if (values == null) throw new IllegalArgumentException("values must not be null");
        int[] s = new int[rank];
        Object o = values;
        for (int d = 0; d < rank; d++) {
            if (o == null) throw new IllegalArgumentException("values has a null sub-array at depth " + d);
            s[d] = d < rank - 1 ? ((Object[]) o).length : ((double[]) o).length;
            if (d < rank - 1) o = s[d] > 0 ? ((Object[]) o)[0] : null;
            if (o == null && d < rank - 1) {
                break; // empty along this axis: remaining extents are 0
            }
        }
        double[] out = new double[(int) product(s)];
        fill(values, 0, s, out, 0, new int[rank]);
        return new Tensor(out, s);
    }

    private static int fill(Object o, int depth, int[] s, double[] out, int pos, int[] idx) {
        if (depth == s.length - 1) {
            double[] row = (double[]) o;
            if (row == null || row.length != s[depth]) {
                throw new IllegalArgumentException("ragged nested array: expected length " + s[depth] + " at index "
                        + Arrays.toString(Arrays.copyOf(idx, depth)) + " but found "
                        + (row == null ? "null" : String.valueOf(row.length)) + " (shape from the first elements: "
                        + Arrays.toString(s) + ")");
            }
            System.arraycopy(row, 0, out, pos, row.length);
            return pos + row.length;
        }
        Object[] arr = (Object[]) o;
        if (arr == null || arr.length != s[depth]) {
            throw new IllegalArgumentException("ragged nested array: expected length " + s[depth] + " at index "
                    + Arrays.toString(Arrays.copyOf(idx, depth)) + " but found "
                    + (arr == null ? "null" : String.valueOf(arr.length)) + " (shape from the first elements: "
                    + Arrays.toString(s) + ")");
        }
        for (int i = 0; i < arr.length; i++) {
            idx[depth] = i;
            pos = fill(arr[i], depth + 1, s, out, pos, idx);
        }
        return pos;
    }

    /** A zero tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape("shape", shape);
        return new Tensor(new double[(int) product(s)], s);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** {@code [0, 1, ..., n-1]} as a 1-D tensor (NumPy's {@code arange(n)}). */
    public static Tensor arange(int n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0 but was " + n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return new Tensor(d, new int[] {n});
    }

    /** {@code start, start+step, ...} below {@code end} (NumPy's {@code arange(start, end, step)}). */
    public static Tensor arange(double start, double end, double step) {
        if (!(step != 0) || Double.isNaN(step)) throw new IllegalArgumentException("step must be non-zero but was " + step);
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(d, new int[] {n});
    }

    /** Uniform random numbers in [0, 1) from {@code new java.util.Random(seed).nextDouble()}. */
    public static Tensor rand(long seed, int... shape) {
        Tensor t = zeros(shape);
        Random r = new Random(seed);
        for (int i = 0; i < t.data.length; i++) t.data[i] = r.nextDouble();
        return t;
    }

    /** Standard normal random numbers from {@code new java.util.Random(seed).nextGaussian()}. */
    public static Tensor randn(long seed, int... shape) {
        Tensor t = zeros(shape);
        Random r = new Random(seed);
        for (int i = 0; i < t.data.length; i++) t.data[i] = r.nextGaussian();
        return t;
    }

    // ------------------------------------------------------------------ basic access

    /**
     * The row-major backing array (not a copy): fast paths read and write it directly.
     *
     * @throws IllegalStateException for a float32 tensor (use {@link #floatData()}, or {@link #toFloat64()})
     */
    public double[] data() {
        return d();
    }

    /** A row-major copy of the elements (as doubles, whatever the dtype). */
    public double[] toArray() {
        return fdata != null ? toFloat64().data : data.clone();
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return fdata != null ? fdata.length : data.length;
    }

    /** The extent of axis {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape[axis(axis)];
    }

    private int axis(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + Arrays.toString(shape));
        }
        return a;
    }

    private int offset(int[] index) {
        if (index == null || index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " needs " + shape.length
                    + " coordinates for shape " + Arrays.toString(shape));
        }
        int off = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[d] + index[d];
        }
        return off;
    }

    /** The element at {@code index} (one coordinate per axis). */
    public double get(int... index) {
        int at = offset(index);
        return fdata != null ? fdata[at] : data[at];
    }

    /** Sets the element at {@code index} to {@code value}; modifies this tensor and returns it. */
    public Tensor set(double value, int... index) {
        int at = offset(index);
        if (fdata != null) fdata[at] = (float) value;
        else data[at] = value;
        return this;
    }

    /** Sets every element to {@code value}; modifies this tensor and returns it. */
    public Tensor fill(double value) {
        if (fdata != null) Arrays.fill(fdata, (float) value);
        else Arrays.fill(data, value);
        return this;
    }

    /** The only element of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item() needs a one-element tensor but shape is " + Arrays.toString(shape));
        }
        return get(new int[shape.length]);
    }

    /** A deep copy (same dtype). */
    public Tensor copy() {
        return fdata != null ? new Tensor(fdata.clone(), shape.clone()) : new Tensor(data.clone(), shape.clone());
    }

    // ------------------------------------------------------------------ shape manipulation

    /**
     * The same data with another shape (shares the data: writes through one are seen by the other). One extent may
     * be -1 and is then inferred.
     */
    public Tensor reshape(int... newShape) {
        if (newShape == null) throw new IllegalArgumentException("newShape must not be null");
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape " + Arrays.toString(newShape) + ": only one extent may be -1");
                infer = d;
            } else if (s[d] < 0) {
                throw new IllegalArgumentException("reshape " + Arrays.toString(newShape) + " has a negative extent");
            } else {
                known *= s[d];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape shape " + Arrays.toString(shape) + " (" + size()
                        + " elements) into " + Arrays.toString(newShape));
            }
            s[infer] = (int) (size() / known);
        }
        if (product(s) != size()) {
            throw new IllegalArgumentException("cannot reshape shape " + Arrays.toString(shape) + " (" + size()
                    + " elements) into " + Arrays.toString(newShape));
        }
        return fdata != null ? new Tensor(fdata, s) : new Tensor(data, s);
    }

    /** The transpose of a 2-D tensor (a copy), like NumPy's {@code X.T}. */
    public Tensor transpose() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose() needs a 2-D tensor but shape is " + Arrays.toString(shape)
                    + "; use permute(...) for other ranks");
        }
        return permute(1, 0);
    }

    /** Reorders the axes: output axis i is input axis {@code axes[i]} (NumPy's {@code transpose(axes)}); a copy. */
    public Tensor permute(int... axes) {
        if (axes == null || axes.length != shape.length) {
            throw new IllegalArgumentException("permute needs " + shape.length + " axes for shape "
                    + Arrays.toString(shape) + " but got " + Arrays.toString(axes));
        }
        boolean[] seen = new boolean[axes.length];
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i];
            if (a < 0 || a >= axes.length || seen[a]) {
                throw new IllegalArgumentException("permute axes " + Arrays.toString(axes) + " are not a permutation of 0.."
                        + (axes.length - 1));
            }
            seen[a] = true;
            out[i] = shape[a];
        }
        int[] inStrides = strides(shape);
        int[] permStrides = new int[axes.length];
        for (int i = 0; i < axes.length; i++) permStrides[i] = inStrides[axes[i]];
        double[] res = new double[d().length];
        int[] idx = new int[axes.length];
        int src = 0;
        for (int k = 0; k < res.length; k++) {
            res[k] = d()[src];
            for (int d = axes.length - 1; d >= 0; d--) {
                idx[d]++;
                src += permStrides[d];
                if (idx[d] < out[d]) break;
                src -= permStrides[d] * out[d];
                idx[d] = 0;
            }
        }
        return new Tensor(res, out);
    }

    /** The sub-tensor at position {@code i} of axis 0 (NumPy's {@code X[i]}), as a copy. */
    public Tensor at(int i) {
        if (shape.length == 0) throw new IllegalArgumentException("at(i) needs rank >= 1 but shape is []");
        if (i < 0 || i >= shape[0]) {
            throw new IllegalArgumentException("index " + i + " is out of bounds for axis 0 of shape " + Arrays.toString(shape));
        }
        int[] s = Arrays.copyOfRange(shape, 1, shape.length);
        int n = (int) product(s);
        return new Tensor(Arrays.copyOfRange(d(), i * n, (i + 1) * n), s);
    }

    /** Stacks tensors of equal shape along a new axis 0 (NumPy's {@code np.stack}). */
    public static Tensor stack(Tensor... ts) {
        if (ts == null || ts.length == 0) throw new IllegalArgumentException("stack needs at least one tensor");
        int[] s0 = ts[0].shape;
        for (int i = 1; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape, s0)) {
                throw new IllegalArgumentException("stack needs equal shapes but tensor 0 has " + Arrays.toString(s0)
                        + " and tensor " + i + " has " + Arrays.toString(ts[i].shape));
            }
        }
        int n = ts[0].data.length;
        double[] out = new double[n * ts.length];
        for (int i = 0; i < ts.length; i++) System.arraycopy(ts[i].d(), 0, out, i * n, n);
        int[] s = new int[s0.length + 1];
        s[0] = ts.length;
        System.arraycopy(s0, 0, s, 1, s0.length);
        return new Tensor(out, s);
    }

    /** Joins tensors along an existing axis (NumPy's {@code np.concatenate}); other extents must agree. */
    public static Tensor concat(int axis, Tensor... ts) {
        if (ts == null || ts.length == 0) throw new IllegalArgumentException("concat needs at least one tensor");
        int a = ts[0].axis(axis);
        int[] s = ts[0].shape.clone();
        int total = 0;
        for (int i = 0; i < ts.length; i++) {
            int[] si = ts[i].shape;
            boolean ok = si.length == s.length;
            for (int d = 0; ok && d < s.length; d++) ok = d == a || si[d] == s[d];
            if (!ok) {
                throw new IllegalArgumentException("concat along axis " + axis + ": tensor 0 has shape " + Arrays.toString(s)
                        + " but tensor " + i + " has shape " + Arrays.toString(si));
            }
            total += si[a];
        }
        s[a] = total;
        int outer = 1;
        for (int d = 0; d < a; d++) outer *= s[d];
        int inner = 1;
        for (int d = a + 1; d < s.length; d++) inner *= s[d];
        double[] out = new double[(int) product(s)];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor t : ts) {
                int chunk = t.shape[a] * inner;
                System.arraycopy(t.d(), o * chunk, out, pos, chunk);
                pos += chunk;
            }
        }
        return new Tensor(out, s);
    }

    // ------------------------------------------------------------------ element-wise arithmetic

    /** Element-wise sum, broadcasting as NumPy. */
    public Tensor add(Tensor o) {
        return zip(o, "add", (x, y) -> x + y);
    }

    /** Element-wise difference, broadcasting as NumPy. */
    public Tensor sub(Tensor o) {
        return zip(o, "sub", (x, y) -> x - y);
    }

    /** Element-wise product, broadcasting as NumPy. */
    public Tensor mul(Tensor o) {
        return zip(o, "mul", (x, y) -> x * y);
    }

    /** Element-wise quotient, broadcasting as NumPy. */
    public Tensor div(Tensor o) {
        return zip(o, "div", (x, y) -> x / y);
    }

    public Tensor add(double v) {
        return map(x -> x + v);
    }

    public Tensor sub(double v) {
        return map(x -> x - v);
    }

    public Tensor mul(double v) {
        return map(x -> x * v);
    }

    public Tensor div(double v) {
        return map(x -> x / v);
    }

    public Tensor neg() {
        return map(x -> -x);
    }

    public Tensor abs() {
        return map(Math::abs);
    }

    public Tensor pow(double p) {
        return p == 2 ? map(x -> x * x) : map(x -> Math.pow(x, p));
    }

    public Tensor exp() {
        return map(Math::exp);
    }

    /** Applies {@code f} to every element. */
    public Tensor map(DoubleUnaryOperator f) {
        double[] x = d(), out = new double[x.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(x[i]);
        return new Tensor(out, shape.clone());
    }

    /** Combines with {@code o} element by element, broadcasting as NumPy. */
    public Tensor zip(Tensor o, String opName, DoubleBinaryOperator f) {
        if (o == null) throw new IllegalArgumentException(opName + ": other tensor must not be null");
        if (Arrays.equals(shape, o.shape)) {
            double[] x = d(), y = o.d(), out = new double[x.length];
            for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(x[i], y[i]);
            return new Tensor(out, shape.clone());
        }
        int r = Math.max(shape.length, o.shape.length);
        int[] s = new int[r];
        for (int d = 0; d < r; d++) {
            int a = dimFromRight(shape, r - 1 - d);
            int b = dimFromRight(o.shape, r - 1 - d);
            if (a != b && a != 1 && b != 1) {
                throw new IllegalArgumentException(opName + ": shapes " + Arrays.toString(shape) + " and "
                        + Arrays.toString(o.shape) + " cannot be broadcast together");
            }
            s[d] = a == 1 ? b : a;
        }
        int[] sa = broadcastStrides(shape, s);
        int[] sb = broadcastStrides(o.shape, s);
        double[] out = new double[(int) product(s)];
        int[] idx = new int[r];
        int ia = 0;
        int ib = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = f.applyAsDouble(d()[ia], o.d()[ib]);
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < s[d]) break;
                ia -= sa[d] * s[d];
                ib -= sb[d] * s[d];
                idx[d] = 0;
            }
        }
        return new Tensor(out, s);
    }

    private static int dimFromRight(int[] shape, int fromRight) {
        int i = shape.length - 1 - fromRight;
        return i >= 0 ? shape[i] : 1;
    }

    private static int[] broadcastStrides(int[] own, int[] target) {
        int[] st = strides(own);
        int[] out = new int[target.length];
        int shift = target.length - own.length;
        for (int d = 0; d < own.length; d++) out[d + shift] = own[d] == 1 ? 0 : st[d];
        return out;
    }

    static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = acc;
            acc *= shape[d];
        }
        return st;
    }

    // ------------------------------------------------------------------ reductions

    /** The sum of all elements. */
    public double sum() {
        double s = 0;
        for (double v : d()) s += v;
        return s;
    }

    /** The mean of all elements (NaN for an empty tensor). */
    public double mean() {
        return sum() / d().length;
    }

    /** The largest element. @throws IllegalArgumentException for an empty tensor */
    public double max() {
        requireNonEmpty("max");
        double m = Double.NEGATIVE_INFINITY;
        for (double v : d()) m = Math.max(m, v);
        return m;
    }

    /** The smallest element. @throws IllegalArgumentException for an empty tensor */
    public double min() {
        requireNonEmpty("min");
        double m = Double.POSITIVE_INFINITY;
        for (double v : d()) m = Math.min(m, v);
        return m;
    }

    private void requireNonEmpty(String op) {
        if (d().length == 0) throw new IllegalArgumentException(op + " of an empty tensor (shape " + Arrays.toString(shape) + ")");
    }

    /** Sums along {@code axis}, removing it (NumPy's {@code sum(axis=...)}). */
    public Tensor sum(int axis) {
        return reduce(axis, "sum", 0.0, Double::sum, false);
    }

    /** Averages along {@code axis}, removing it. */
    public Tensor mean(int axis) {
        Tensor s = sum(axis);
        int n = shape[axis(axis)];
        double[] sd = s.d();
        for (int i = 0; i < sd.length; i++) sd[i] /= n;
        return s;
    }

    /** The maximum along {@code axis}, removing it. */
    public Tensor max(int axis) {
        return reduce(axis, "max", Double.NEGATIVE_INFINITY, Math::max, true);
    }

    /** The index of the first maximum along {@code axis}, removing it (NumPy's {@code argmax(axis=...)}). */
    public Tensor argmax(int axis) {
        int a = axis(axis);
        if (shape[a] == 0) throw new IllegalArgumentException("argmax along an empty axis " + axis + " of shape " + Arrays.toString(shape));
        int outer = 1;
        for (int d = 0; d < a; d++) outer *= shape[d];
        int inner = 1;
        for (int d = a + 1; d < shape.length; d++) inner *= shape[d];
        int n = shape[a];
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int best = 0;
                double bv = d()[o * n * inner + in];
                for (int k = 1; k < n; k++) {
                    double v = d()[(o * n + k) * inner + in];
                    if (v > bv) {
                        bv = v;
                        best = k;
                    }
                }
                out[o * inner + in] = best;
            }
        }
        return new Tensor(out, removeAxis(shape, a));
    }

    private Tensor reduce(int axis, String op, double init, DoubleBinaryOperator f, boolean needsElements) {
        int a = axis(axis);
        if (needsElements && shape[a] == 0) {
            throw new IllegalArgumentException(op + " along an empty axis " + axis + " of shape " + Arrays.toString(shape));
        }
        int outer = 1;
        for (int d = 0; d < a; d++) outer *= shape[d];
        int inner = 1;
        for (int d = a + 1; d < shape.length; d++) inner *= shape[d];
        int n = shape[a];
        double[] out = new double[outer * inner];
        Arrays.fill(out, init);
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int in = 0; in < inner; in++) {
                    out[o * inner + in] = f.applyAsDouble(out[o * inner + in], d()[base + in]);
                }
            }
        }
        return new Tensor(out, removeAxis(shape, a));
    }

    private static int[] removeAxis(int[] s, int a) {
        int[] out = new int[s.length - 1];
        for (int d = 0, j = 0; d < s.length; d++) if (d != a) out[j++] = s[d];
        return out;
    }

    // ------------------------------------------------------------------ linear algebra and comparison

    /**
     * The matrix product of two 2-D tensors: (m, k) x (k, n) -> (m, n), computed by {@link Gemm} (the library's one
     * matrix multiply: blocked, on the vector API when {@link convkit.compute.Simd#enabled()}, on several cores when
     * large). Neither tensor is modified.
     */
    public Tensor matmul(Tensor o) {
        if (o == null) throw new IllegalArgumentException("matmul: other tensor must not be null");
        if (shape.length != 2 || o.shape.length != 2 || shape[1] != o.shape[0]) {
            throw new IllegalArgumentException("matmul needs (m, k) x (k, n) but got " + Arrays.toString(shape) + " x "
                    + Arrays.toString(o.shape));
        }
        int m = shape[0];
        int k = shape[1];
        int n = o.shape[1];
        checkShape("matmul result", new int[] {m, n});
        double[] out = new double[m * n];
        Gemm.nn(m, n, k, d(), o.d(), out);
        return new Tensor(out, new int[] {m, n});
    }

    /** NumPy's {@code allclose} with rtol 1e-5 and atol 1e-8: shapes equal and |a-b| <= atol + rtol*|b| everywhere. */
    public boolean allClose(Tensor o) {
        return allClose(o, 1e-5, 1e-8);
    }

    /**
     * True if shapes are equal and |a-b| <= atol + rtol*|b| for every element (NaNs never match); a float32 tensor
     * is compared by its exact float64 values.
     */
    public boolean allClose(Tensor o, double rtol, double atol) {
        if (o == null || !Arrays.equals(shape, o.shape)) return false;
        if (fdata != null || o.fdata != null) return toFloat64().allClose(o.toFloat64(), rtol, atol);
        double[] x = d(), y = o.d();
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            if (a == b) continue; // equal infinities
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) return true;
        if (!(obj instanceof Tensor)) return false;
        Tensor t = (Tensor) obj;
        return Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data) && Arrays.equals(fdata, t.fdata);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + (fdata != null ? Arrays.hashCode(fdata) : Arrays.hashCode(data));
    }

    /**
     * NumPy-like text, as {@code np.array2string(a, separator=", ")} prints it; a float32 tensor prints each element
     * by its shortest float32 decimal (0.1f as 0.1, as NumPy prints a float32 array).
     */
    @Override
    public String toString() {
        if (fdata != null) {
            double[] shortest = new double[fdata.length];
            for (int i = 0; i < shortest.length; i++) shortest[i] = Double.parseDouble(Float.toString(fdata[i]));
            return NumpyFormat.format(shortest, shape);
        }
        return NumpyFormat.format(data, shape);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Checks an argument: {@code t} is not null and has the given rank. The message names the argument, the expected
     * layout (e.g. {@code "(N, C, H, W)"}) and the shape it has: {@code "x must have rank 4 (N, C, H, W) but has shape
     * [4, 5, 5]"}.
     *
     * @throws IllegalArgumentException if {@code t} is null or of another rank
     */
    public static void requireRank(String name, Tensor t, int rank, String layout) {
        if (t == null) throw new IllegalArgumentException(name + " must not be null");
        if (t.rank() != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + " " + layout + " but has shape "
                    + Arrays.toString(t.shape()));
        }
    }

    static int[] checkShape(String name, int[] shape) {
        if (shape == null) throw new IllegalArgumentException(name + " must not be null");
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(name + " " + Arrays.toString(shape) + " has a negative extent");
        }
        if (product(shape) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(shape) + " is too large for one array");
        }
        return shape.clone();
    }

    /** The number of elements of a tensor of this shape: the product of the extents (1 for the empty shape). */
    public static long product(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
