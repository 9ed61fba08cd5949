package convkit;

import java.util.Arrays;

/**
 * An n-dimensional array of doubles in row-major order (images are NCHW).
 *
 * <p>A tensor owns a flat {@code double[]} and a shape. Operations return new tensors unless their
 * Javadoc says they modify the receiver; {@link #reshape} shares the data (like a NumPy view).
 */
public final class Tensor {
    private final double[] data;
    private final int[] shape;

    private Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

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

    /** A zero tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape("shape", shape);
        return new Tensor(new double[(int) product(s)], s);
    }

    /** The row-major backing array (not a copy): fast paths read and write it directly. */
    public double[] data() {
        return data;
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
        return data.length;
    }

    /** The extent of axis {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + Arrays.toString(shape));
        }
        return shape[a];
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

    static long product(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
