package convkit;

import convkit.book.Examples;
import convkit.book.SamePadding;
import convkit.book.Shapes;
import convkit.nn.AvgPool2D;
import convkit.nn.Conv2D;
import convkit.nn.GradCheck;
import convkit.nn.Layer;
import convkit.nn.MaxPool2D;
import convkit.testing.TorchFixtures;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The numbers notebooks/01..05 print, each checked against an oracle that does not use the code the notebook
 * calls (a hand computation, a closed form, the books, or PyTorch fixtures). The notebook regression test only
 * compares re-executions with the committed outputs; this test says the committed outputs are right.
 * Each test repeats the notebook's code for that cell.
 */
class NotebookExamplesTest {
    private static Tensor t2(double[][] v) {
        return Tensor.of(v);
    }

    private static int[] shape(Tensor t) {
        return t.shape();
    }

    // ------------------------------------------------------------------ 01-cross-correlation

    /**
     * Reference for d2l 7.2.4 without Conv2D: Y_hat[i, j] = a X[i, j] + b X[i, j+1]; L = sum (Y_hat - Y)^2;
     * dL/da = sum 2 (Y_hat - Y) X[i, j], dL/db = sum 2 (Y_hat - Y) X[i, j+1]. Returns the 10 losses (before each
     * update) followed by the final a and b.
     */
    static double[] kernelLearningOracle(double a, double b, double lr, int steps) {
        double[][] x = toRows(Examples.edgeImage());
        double[] out = new double[steps + 2];
        for (int s = 0; s < steps; s++) {
            double loss = 0, ga = 0, gb = 0;
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 7; j++) {
                    double y = x[i][j] - x[i][j + 1];
                    double d = a * x[i][j] + b * x[i][j + 1] - y;
                    loss += d * d;
                    ga += 2 * d * x[i][j];
                    gb += 2 * d * x[i][j + 1];
                }
            }
            out[s] = loss;
            a -= lr * ga;
            b -= lr * gb;
        }
        out[steps] = a;
        out[steps + 1] = b;
        return out;
    }

    private static double[][] toRows(Tensor t) {
        double[][] r = new double[t.dim(0)][t.dim(1)];
        for (int i = 0; i < r.length; i++) for (int j = 0; j < r[0].length; j++) r[i][j] = t.get(i, j);
        return r;
    }

    /** The notebook's training loop, verbatim in substance: forward, squared loss, zeroGrad, backward, update. */
    static double[] notebookLoop(Conv2D conv2d, int steps) {
        Tensor img = Examples.edgeImage();
        Tensor Xb = img.reshape(1, 1, 6, 8);
        Tensor Yb = Ops.corr2d(img, Examples.edgeKernel()).reshape(1, 1, 6, 7);
        double lr = 3e-2;
        double[] losses = new double[steps];
        for (int i = 0; i < steps; i++) {
            Tensor diff = conv2d.forward(Xb).sub(Yb);
            losses[i] = diff.pow(2).sum();
            conv2d.zeroGrad();
            conv2d.backward(diff.mul(2));
            double[] w = conv2d.weight().value().data();
            double[] g = conv2d.weight().grad().data();
            for (int k = 0; k < w.length; k++) w[k] -= lr * g[k];
        }
        return losses;
    }

    @Nested
    class CrossCorrelation {
        @Test
        void figureAndLayerWithBias() {
            // d2l 7.2.1 (seed 000/004): [[19, 25], [37, 43]]; plus bias 1 in the Conv2D cell
            Tensor X = Examples.correlationX();
            Tensor K = Examples.correlationK();
            assertThat(Ops.corr2d(X, K)).isEqualTo(t2(new double[][] {{19, 25}, {37, 43}}));
            Conv2D layer = Conv2D.fromWeights(K.reshape(1, 1, 2, 2), Tensor.of(new double[] {1})).build();
            assertThat(layer.forward(X.reshape(1, 1, 3, 3)).reshape(2, 2)).isEqualTo(t2(new double[][] {{20, 26}, {38, 44}}));
        }

        @Test
        void edgesAndTranspose() {
            // d2l 7.2.3 (seed 000): 1 at column 1, -1 at column 5; zeros on the transpose (8 x 5)
            Tensor img = Examples.edgeImage();
            Tensor y = Ops.corr2d(img, Examples.edgeKernel());
            for (int i = 0; i < 6; i++) {
                assertThat(y.at(i).toArray()).containsExactly(0, 1, 0, 0, 0, -1, 0);
            }
            Tensor yt = Ops.corr2d(img.transpose(), Examples.edgeKernel());
            assertThat(shape(yt)).containsExactly(8, 5);
            assertThat(yt.abs().sum()).isZero();
        }

        @Test
        void seededStartIsPyTorchStyleUniform() {
            // Conv2D(1, 1, (1, 2), no bias, seed 42): U(-1/sqrt(2), 1/sqrt(2)) from java.util.Random(42)
            Random r = new Random(42);
            double bound = 1 / Math.sqrt(2);
            double a = (2 * r.nextDouble() - 1) * bound;
            double b = (2 * r.nextDouble() - 1) * bound;
            Conv2D conv = Conv2D.of(1, 1).kernel(1, 2).noBias().seed(42).build();
            assertThat(conv.weight().value().toArray()).containsExactly(a, b);
            assertThat(conv.bias()).isNull();
            // the notebook prints it
            assertThat(conv.weight().value().reshape(1, 2).toString()).isEqualTo("[[0.32182364, 0.25911712]]");
        }

        @Test
        void learningTheKernelMatchesTheClosedFormGradient() {
            Conv2D conv = Conv2D.of(1, 1).kernel(1, 2).noBias().seed(42).build();
            double[] w0 = conv.weight().value().toArray();
            double[] oracle = kernelLearningOracle(w0[0], w0[1], 3e-2, 10);
            double[] losses = notebookLoop(conv, 10);
            List<String> printed = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                assertThat(losses[i]).as("loss of epoch %d", i + 1).isCloseTo(oracle[i], within(1e-12 * Math.max(1, oracle[i])));
                if ((i + 1) % 2 == 0) {
                    printed.add(String.format(Locale.ROOT, "epoch %d, loss %.3f", i + 1, losses[i]));
                    expected.add(String.format(Locale.ROOT, "epoch %d, loss %.3f", i + 1, oracle[i]));
                }
            }
            assertThat(printed).isEqualTo(expected);
            // what the committed notebook shows
            assertThat(printed).containsExactly("epoch 2, loss 7.852", "epoch 4, loss 2.101", "epoch 6, loss 0.673",
                    "epoch 8, loss 0.244", "epoch 10, loss 0.095");
            double[] w = conv.weight().value().toArray();
            assertThat(w[0]).isCloseTo(oracle[10], within(1e-12));
            assertThat(w[1]).isCloseTo(oracle[11], within(1e-12));
            assertThat(conv.weight().value().reshape(1, 2).toString()).isEqualTo("[[ 1.02002128, -0.95764324]]");
            // and it is close to the kernel that made Y (d2l: "very close to the kernel tensor K")
            assertThat(w[0]).isCloseTo(1, within(0.05));
            assertThat(w[1]).isCloseTo(-1, within(0.05));
        }

        @Test
        void learningTheKernelMatchesPyTorch() {
            // kernel_learning.json: torch.nn.Conv2d(1, 1, (1, 2), bias=False) in float64 from fixed initial kernels
            JsonObject f = TorchFixtures.load("kernel_learning.json");
            for (JsonObject run : TorchFixtures.objects(f.getAsJsonArray("runs"))) {
                double[] init = TorchFixtures.doubles(run.getAsJsonArray("initial_kernel"));
                Conv2D conv = Conv2D.fromWeights(Tensor.fromArray(init, 1, 1, 1, 2)).build();
                double[] losses = notebookLoop(conv, 10);
                List<JsonObject> steps = TorchFixtures.objects(run.getAsJsonArray("steps"));
                for (int i = 0; i < 10; i++) {
                    TorchFixtures.assertClose("loss of epoch " + (i + 1) + " from " + java.util.Arrays.toString(init),
                            steps.get(i).get("loss").getAsDouble(), losses[i]);
                }
                TorchFixtures.assertClose("learned kernel from " + java.util.Arrays.toString(init),
                        TorchFixtures.tensor(wrapLearned(run), "k"), conv.weight().value().reshape(1, 2));
            }
        }

        private JsonObject wrapLearned(JsonObject run) {
            JsonObject k = new JsonObject();
            com.google.gson.JsonArray shape = new com.google.gson.JsonArray();
            shape.add(1);
            shape.add(2);
            k.add("shape", shape);
            k.add("data", run.getAsJsonArray("learned_kernel").get(0).getAsJsonArray());
            JsonObject o = new JsonObject();
            o.add("k", k);
            return o;
        }

        @Test
        void strictConvolutionFlipsTheKernel() {
            // by hand: corr2d(X, [[3, 2], [1, 0]]) = [[0*3+1*2+3*1+4*0, ...]] = [[5, 11], [23, 29]]
            Tensor X = Examples.correlationX();
            Tensor K = Examples.correlationK();
            assertThat(Ops.flip(K)).isEqualTo(t2(new double[][] {{3, 2}, {1, 0}}));
            assertThat(Ops.convolve2d(X, K)).isEqualTo(t2(new double[][] {{5, 11}, {23, 29}}));
            Tensor img = Examples.edgeImage();
            assertThat(Ops.convolve2d(img, Ops.flip(Examples.edgeKernel()))).isEqualTo(Ops.corr2d(img, Examples.edgeKernel()));
        }

        @Test
        void receptiveFields() {
            // d2l 7.2.6: a 2x2 output element sees 4 inputs; after a second 2x2 layer all 9
            Tensor X = Examples.correlationX();
            Tensor ones2 = Tensor.ones(2, 2);
            Tensor field1 = Tensor.zeros(3, 3);
            Tensor field2 = Tensor.zeros(3, 3);
            double y00 = Ops.corr2d(X, ones2).get(0, 0);
            double z = Ops.corr2d(Ops.corr2d(X, ones2), ones2).get(0, 0);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    Tensor nudged = X.copy().set(X.get(i, j) + 1, i, j);
                    if (Ops.corr2d(nudged, ones2).get(0, 0) != y00) field1.set(1, i, j);
                    if (Ops.corr2d(Ops.corr2d(nudged, ones2), ones2).get(0, 0) != z) field2.set(1, i, j);
                }
            }
            assertThat(field1).isEqualTo(t2(new double[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 0}}));
            assertThat(field2).isEqualTo(Tensor.ones(3, 3));
            assertThat(Shapes.receptiveField(Shapes.layer(2, 0, 1), Shapes.layer(2, 0, 1))).isEqualTo(3);
            Shapes.Layer[] lenet = {Shapes.layer(5, 2, 1), Shapes.layer(2, 0, 2), Shapes.layer(5, 0, 1), Shapes.layer(2, 0, 2)};
            // sizes: 28+4-5+1 = 28, 14, 10, 5; field: 1 + 4 + 1*1 + 4*2 + 1*2 = 16
            assertThat(Shapes.trace(28, lenet)).containsExactly(28, 28, 14, 10, 5);
            assertThat(Shapes.receptiveField(lenet)).isEqualTo(16);
        }
    }

    // ------------------------------------------------------------------ 02-padding-and-stride

    @Nested
    class PaddingAndStride {
        private int[] out(Conv2D.Builder conv) {
            Tensor X = Tensor.rand(0, 1, 1, 8, 8);
            return conv.seed(1).build().forward(X).shape();
        }

        @Test
        void d2lShapes() {
            // d2l 7.3 (seed 000/002): (8, 8), (8, 8), (4, 4), (2, 2)
            assertThat(out(Conv2D.of(1, 1).kernel(3).padding(1))).containsExactly(1, 1, 8, 8);
            assertThat(out(Conv2D.of(1, 1).kernel(5, 3).padding(2, 1))).containsExactly(1, 1, 8, 8);
            assertThat(out(Conv2D.of(1, 1).kernel(3).stride(2).padding(1))).containsExactly(1, 1, 4, 4);
            assertThat(out(Conv2D.of(1, 1).kernel(3, 5).stride(3, 4).padding(0, 1))).containsExactly(1, 1, 2, 2);
        }

        @Test
        void formulaQuestions() {
            // seed 003: (224 + 0 - 11)/1 + 1 = 214; (224 + 0 - 4)/4 + 1 = 56
            assertThat(Ops.outputSize(224, 11, 0, 1)).isEqualTo(214);
            assertThat(Ops.outputSize(224, 4, 0, 4)).isEqualTo(56);
            assertThat(Conv2D.of(1, 1).kernel(11).seed(0).build().forward(Tensor.zeros(1, 1, 224, 224))
                    .shape()).containsExactly(1, 1, 214, 214);
        }

        @Test
        void sameDilationGroups() {
            int[] same = SamePadding.padding2d(8, 8, 4);
            assertThat(same).containsExactly(1, 2, 1, 2);
            assertThat(out(Conv2D.of(1, 1).kernel(4).padding(same))).containsExactly(1, 1, 8, 8);
            int[] stem = SamePadding.padding2d(224, 224, 7, 2);
            assertThat(stem).containsExactly(2, 3, 2, 3);
            assertThat(Shapes.outputSize(224, 7, stem[0], stem[1], 2, 1)).isEqualTo(112);
            // dilation 2: span 5, 8 - 5 + 1 = 4
            assertThat(Ops.outputSize(8, 3, 0, 1, 2)).isEqualTo(4);
            assertThat(Conv2D.fromWeights(Tensor.ones(1, 1, 3, 3)).dilation(2).build().forward(Tensor.rand(0, 1, 1, 8, 8))
                    .shape()).containsExactly(1, 1, 4, 4);
            Conv2D grouped = Conv2D.of(4, 6).kernel(3).padding(1).groups(2).seed(3).build();
            assertThat(grouped.weight().value().shape()).containsExactly(6, 2, 3, 3);
        }
    }

    // ------------------------------------------------------------------ 03-channels

    @Nested
    class Channels {
        @Test
        void multiInAndOut() {
            // d2l 7.4 (seed 000/002)
            Tensor X = Examples.multiInX();
            assertThat(Ops.corr2dMultiIn(X, Examples.multiInK())).isEqualTo(t2(new double[][] {{56, 72}, {104, 120}}));
            Tensor Y = Ops.corr2dMultiInOut(X, Examples.multiInOutK());
            assertThat(Y).isEqualTo(Tensor.of(new double[][][] {
                {{56, 72}, {104, 120}}, {{76, 100}, {148, 172}}, {{96, 128}, {192, 224}}}));
            Conv2D layer = Conv2D.fromWeights(Examples.multiInOutK()).build();
            assertThat(layer.forward(X.reshape(1, 2, 3, 3)).reshape(3, 2, 2)).isEqualTo(Y);
        }

        @Test
        void oneByOne() {
            // seed 003: weights all 4 -> [[16, 60], [56, 48]] = 4 * (sum over the 3 channels at each pixel)
            Tensor x = Examples.oneByOneX();
            Tensor expected = Tensor.of(new double[][][] {{{16, 60}, {56, 48}}});
            assertThat(Ops.corr2dMultiInOut1x1(x, Examples.oneByOneK())).isEqualTo(expected);
            Tensor kernel = Tensor.full(4, 1, 1, 3, 1).permute(3, 2, 0, 1);
            assertThat(kernel).isEqualTo(Examples.oneByOneK());
            assertThat(Ops.conv2d(x.reshape(1, 3, 2, 2), kernel)).isEqualTo(expected.reshape(1, 1, 2, 2));
            Tensor Xr = Tensor.rand(0, 3, 3, 3);
            Tensor Kr = Tensor.rand(1, 2, 3, 1, 1);
            assertThat(Ops.corr2dMultiInOut1x1(Xr, Kr).sub(Ops.corr2dMultiInOut(Xr, Kr)).abs().sum()).isLessThan(1e-6);
        }
    }

    // ------------------------------------------------------------------ 04-pooling

    @Nested
    class PoolingNotebook {
        @Test
        void teachingPool2d() {
            // d2l 7.5.1 (seed 000): max [[4, 5], [7, 8]], avg [[2, 3], [5, 6]]
            Tensor X = Examples.correlationX();
            assertThat(Ops.pool2d(X, 2, 2, "max")).isEqualTo(t2(new double[][] {{4, 5}, {7, 8}}));
            assertThat(Ops.pool2d(X, 2, 2, "avg")).isEqualTo(t2(new double[][] {{2, 3}, {5, 6}}));
            // |edges| (1 at columns 1 and 5) max-pooled 2x2 stride 1: columns 0, 1 and 4, 5 of a 5 x 6 map
            Tensor pooled = Ops.pool2d(Ops.corr2d(Examples.edgeImage(), Examples.edgeKernel()).abs(), 2, 2, "max");
            assertThat(pooled.shape()).containsExactly(5, 6);
            for (int i = 0; i < 5; i++) assertThat(pooled.at(i).toArray()).containsExactly(1, 1, 0, 0, 1, 1);
        }

        @Test
        void layersWithPaddingAndStride() {
            // d2l 7.5.2 (seed 000 and the PyTorch edition)
            Tensor X4 = Examples.poolingX();
            assertThat(MaxPool2D.of(3).build().forward(X4).toArray()).containsExactly(10);
            assertThat(MaxPool2D.of(3).stride(2).padding(1).build().forward(X4).toArray())
                    .containsExactly(5, 7, 13, 15);
            assertThat(MaxPool2D.of(2, 3).stride(2, 3).padding(0, 1).build().forward(X4).toArray())
                    .containsExactly(5, 7, 13, 15);
            Tensor p = Ops.maxPool2d(X4, new int[] {2, 3}, new int[] {2, 3}, new int[] {1, 2});
            assertThat(p.shape()).containsExactly(1, 1, 3, 2);
            assertThat(p.toArray()).containsExactly(0, 3, 8, 11, 12, 15);
            Tensor X2 = Tensor.concat(1, X4, X4.add(1));
            assertThat(MaxPool2D.of(3).stride(2).padding(1).build().forward(X2).toArray())
                    .containsExactly(5, 7, 13, 15, 6, 8, 14, 16);
        }

        @Test
        void averagePoolingCountIncludePad() {
            // window sums by hand: 0+1+4+5 = 10, 1+2+3+5+6+7 = 24, 4+5+8+9+12+13 = 51, 5+6+7+9+10+11+13+14+15 = 90;
            // divided by 9 (padded cells counted) or by the number of real cells (4, 6, 6, 9)
            Tensor X4 = Examples.poolingX();
            double[] with = AvgPool2D.of(3).stride(2).padding(1).build().forward(X4).toArray();
            double[] without = AvgPool2D.of(3).stride(2).padding(1).countIncludePad(false).build().forward(X4).toArray();
            double[] sums = {10, 24, 51, 90};
            double[] cells = {4, 6, 6, 9};
            for (int i = 0; i < 4; i++) {
                assertThat(with[i]).isCloseTo(sums[i] / 9, within(1e-12));
                assertThat(without[i]).isCloseTo(sums[i] / cells[i], within(1e-12));
            }
        }
    }

    // ------------------------------------------------------------------ 05-im2col-and-backward

    @Nested
    class Im2colAndBackward {
        @Test
        void im2colShapesAndRows() {
            // DLFS 7.4.3: (9, 75) and (90, 75)
            assertThat(Ops.im2col(Tensor.rand(1, 1, 3, 7, 7), 5, 5, 1, 0).shape()).containsExactly(9, 75);
            assertThat(Ops.im2col(Tensor.rand(2, 10, 3, 7, 7), 5, 5, 1, 0).shape()).containsExactly(90, 75);
            Tensor col = Ops.im2col(Tensor.arange(16).reshape(1, 1, 4, 4), 2, 2, 1, 0);
            // row r = window at (r / 3, r % 3): [x[i][j], x[i][j+1], x[i+1][j], x[i+1][j+1]] with x[i][j] = 4i + j
            for (int r = 0; r < 9; r++) {
                int v = 4 * (r / 3) + r % 3;
                assertThat(col.at(r).toArray()).containsExactly(v, v + 1, v + 4, v + 5);
            }
            Tensor cover = Ops.col2im(Ops.im2col(Tensor.ones(1, 1, 4, 4), 2, 2, 1, 0), new int[] {1, 1, 4, 4}, 2, 2, 1, 0);
            assertThat(cover.toArray()).containsExactly(1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1);
        }

        @Test
        void convolutionForwardAsIm2colProductAndBackwardShapes() {
            Tensor x2 = Tensor.rand(2, 10, 3, 7, 7);
            Tensor W = Tensor.randn(3, 2, 3, 5, 5).mul(0.1);
            Tensor b = Tensor.of(new double[] {0.5, -0.5});
            Tensor y = Ops.im2col(x2, 5, 5, 1, 0).matmul(W.reshape(2, -1).transpose()).add(b)
                    .reshape(10, 3, 3, 2).permute(0, 3, 1, 2);
            Conv2D conv = Conv2D.fromWeights(W, b).stride(1).padding(0).build();
            assertThat(conv.forward(x2).allClose(y)).isTrue();
            // and both equal the teaching corr2dMultiInOut (plus bias) on one image
            Tensor one = Ops.corr2dMultiInOut(x2.at(3), W);
            for (int f = 0; f < 2; f++) assertThat(y.at(3).at(f).allClose(one.at(f).add(b.get(f)))).isTrue();
            conv.zeroGrad();
            Tensor dx = conv.backward(Tensor.ones(10, 2, 3, 3));
            assertThat(dx.shape()).containsExactly(10, 3, 7, 7);
            // db = sum of dout over batch and positions = 10 * 3 * 3
            assertThat(conv.bias().grad().toArray()).containsExactly(90, 90);
        }

        @Test
        void poolingShapesAndRouting() {
            // DLFS seed 001: x (1, 2, 16, 32) -> (1, 2, 8, 16) -> dx (1, 2, 16, 32)
            MaxPool2D pool = MaxPool2D.of(2).stride(2).build();
            Tensor pooled = pool.forward(Tensor.rand(4, 1, 2, 16, 32));
            assertThat(pooled.shape()).containsExactly(1, 2, 8, 16);
            assertThat(pool.backward(pooled).shape()).containsExactly(1, 2, 16, 32);
            Tensor xs = Tensor.rand(5, 1, 1, 4, 4);
            MaxPool2D small = MaxPool2D.of(2).build();
            small.forward(xs);
            Tensor route = small.backward(Tensor.ones(1, 1, 2, 2));
            for (int bi = 0; bi < 2; bi++) {
                for (int bj = 0; bj < 2; bj++) {
                    double max = Double.NEGATIVE_INFINITY;
                    int mi = -1, mj = -1;
                    for (int i = 2 * bi; i < 2 * bi + 2; i++) {
                        for (int j = 2 * bj; j < 2 * bj + 2; j++) {
                            if (xs.get(0, 0, i, j) > max) {
                                max = xs.get(0, 0, i, j);
                                mi = i;
                                mj = j;
                            }
                        }
                    }
                    for (int i = 2 * bi; i < 2 * bi + 2; i++) {
                        for (int j = 2 * bj; j < 2 * bj + 2; j++) {
                            assertThat(route.get(0, 0, i, j)).isEqualTo(i == mi && j == mj ? 1.0 : 0.0);
                        }
                    }
                }
            }
        }

        @Test
        void gradientChecksPassAndTheBrokenLayerFails() {
            Conv2D c = Conv2D.of(2, 3).kernel(3).stride(2).padding(1).seed(7).build();
            Tensor xc = Tensor.randn(8, 2, 2, 5, 5);
            Tensor r = Tensor.rand(9, 2, 3, 3, 3).mul(2).sub(1);
            c.zeroGrad();
            c.forward(xc);
            c.backward(r);
            double analytic = c.weight().grad().get(0, 0, 0, 0);
            // oracle for dL/dW[0,0,0,0] with L = sum(y * r): sum over n, output (i, j) of r[n,0,i,j] * xpad[n,0,2i,2j]
            double oracle = 0;
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        int xi = 2 * i - 1, xj = 2 * j - 1;
                        double xv = xi < 0 || xj < 0 ? 0 : xc.get(n, 0, xi, xj);
                        oracle += r.get(n, 0, i, j) * xv;
                    }
                }
            }
            assertThat(analytic).isCloseTo(oracle, within(1e-12));
            assertThat(String.format(Locale.ROOT, "%.8f", analytic)).isEqualTo("1.72008902");
            assertThat(GradCheck.check(c, xc, 11L).maxError()).isLessThan(1e-8);
            Tensor xq = Tensor.randn(12, 2, 3, 6, 6);
            assertThat(GradCheck.check(MaxPool2D.of(3).stride(2).padding(1).build(), xq, 13L).maxError()).isLessThan(1e-8);
            assertThat(GradCheck.check(AvgPool2D.of(3).stride(2).padding(1).countIncludePad(false).build(), xq, 13L).maxError()).isLessThan(1e-8);
            assertThat(GradCheck.check(Conv2D.of(4, 2).kernel(3).padding(1).dilation(2).groups(2).seed(14).build(),
                    Tensor.randn(15, 1, 4, 6, 6), 16L).maxError()).isLessThan(1e-8);

            Layer broken = new Layer() {
                final AvgPool2D pool = AvgPool2D.of(2).build();

                public Tensor forward(Tensor x) {
                    return pool.forward(x);
                }

                public Tensor backward(Tensor dy) {
                    return pool.backward(dy).mul(4);
                }
            };
            GradCheck.Report bad = GradCheck.check(broken, Tensor.randn(17, 1, 1, 4, 4), 18L);
            // analytic = r, numeric = r / 4 for every cell, so error = 3|r|/4 / max(1, |r|) = 0.75 |r| (|r| < 1),
            // largest for the largest |r| of the upstream gradient
            Random rnd = new Random(18);
            double maxR = 0;
            for (int i = 0; i < 4; i++) maxR = Math.max(maxR, Math.abs(2 * rnd.nextDouble() - 1));
            assertThat(bad.maxError()).isCloseTo(0.75 * maxR, within(1e-8));
            assertThat(String.format(Locale.ROOT, "%.2f", bad.maxError())).isEqualTo("0.47");
            GradCheck.Entry worst = bad.entry("input");
            assertThat(worst.analytic()).isCloseTo(4 * worst.numeric(), within(1e-8));
        }
    }
}
