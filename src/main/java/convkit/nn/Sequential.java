package convkit.nn;

import convkit.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A chain of layers (PyTorch {@code nn.Sequential}): forward runs them in order, backward in reverse, and the
 * parameters are the children's, in order.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        this(layers == null ? null : Arrays.asList(layers));
    }

    public Sequential(List<Layer> layers) {
        if (layers == null) throw new IllegalArgumentException("layers must not be null");
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) throw new IllegalArgumentException("layer " + i + " is null");
        }
        this.layers = List.copyOf(layers);
    }

    /** The children, in order (unmodifiable). */
    public List<Layer> layers() {
        return layers;
    }

    /** Child {@code i}. */
    public Layer get(int i) {
        if (i < 0 || i >= layers.size()) {
            throw new IllegalArgumentException("layer index " + i + " is outside [0, " + layers.size() + ")");
        }
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) h = l.forward(h);
        return h;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g);
        return g;
    }

    /** A chain of the children's replicas: shared parameter values, own gradients and caches. */
    @Override
    public Sequential replica() {
        List<Layer> copies = new ArrayList<>(layers.size());
        for (Layer l : layers) copies.add(l.replica());
        return new Sequential(copies);
    }

    /**
     * The chain in {@code dtype}: itself when every parameter already has that type, else a new {@code Sequential} of
     * the children converted by {@link Layer#to} (this one is unchanged). {@code LeNet.d2l(0).to(Tensor.DType.FLOAT32)}
     * is the float32 LeNet.
     */
    @Override
    public Sequential to(Tensor.DType dtype) {
        boolean same = true;
        for (Parameter p : parameters()) same &= p.value().dtype() == dtype;
        if (same) return this;
        List<Layer> converted = new ArrayList<>(layers.size());
        for (Layer l : layers) converted.add(l.to(dtype));
        return new Sequential(converted);
    }

    /** Passes {@link Layer#reuseArrays()} on to every child. */
    @Override
    public void reuseArrays() {
        for (Layer l : layers) l.reuseArrays();
    }

    /** Every child's parameters, in layer order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : layers) ps.addAll(l.parameters());
        return Collections.unmodifiableList(ps);
    }

    /** The total number of trainable numbers. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.value().size();
        return n;
    }

    /**
     * The output shape after each layer for an input of shape {@code inputShape} (e.g. {1, 1, 28, 28}), found by
     * running a forward pass on zeros — d2l's "for layer in net: X = layer(X); print(X.shape)".
     *
     * @return one shape per layer, in order
     */
    public List<int[]> shapes(int... inputShape) {
        Tensor h = Tensor.zeros(dtype(), inputShape);
        List<int[]> out = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            h = l.forward(h);
            out.add(h.shape());
        }
        return out;
    }

    /** d2l's table: one line per layer, {@code "Conv2D output shape: [1, 6, 28, 28]"}. */
    public String shapeSummary(int... inputShape) {
        List<int[]> s = shapes(inputShape);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            b.append(String.format("%-12s output shape: %s%n", layers.get(i).getClass().getSimpleName(),
                    Arrays.toString(s.get(i))));
        }
        return b.toString();
    }

    /** PyTorch-like listing, one child per line. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) {
            b.append("  (").append(i).append("): ").append(layers.get(i).toString().replace("\n", "\n  ")).append('\n');
        }
        return b.append(')').toString();
    }
}
