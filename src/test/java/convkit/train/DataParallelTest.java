package convkit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import convkit.Tensor;
import convkit.models.LeNet;
import convkit.nn.Accuracy;
import convkit.nn.Conv2D;
import convkit.nn.Flatten;
import convkit.nn.Layer;
import convkit.nn.Parameter;
import convkit.nn.Sequential;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.optim.Sgd;
import convkit.testing.Rnd;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DataParallelTest {

    private static int[] labels(int n, long seed) {
        Random r = new Random(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
        return y;
    }

    /** Loss and gradients of one plain forward/backward over the whole batch. */
    private static double plainStep(Layer net, Tensor x, int[] y) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        net.zeroGrad();
        double l = loss.forward(net.forward(x), y);
        net.backward(loss.backward());
        return l;
    }

    @Test
    void stepGivesTheGradientOfTheWholeBatchMean() {
        for (String model : new String[] {"d2l", "modern"}) {
            for (int n : new int[] {1, 7, 10}) {                 // 1: fewer examples than shards; 7: unequal halves
                Tensor x = Rnd.uniform(n, n, 1, 28, 28);
                int[] y = labels(n, n);
                Sequential plain = LeNet.byName(model, 3), par = LeNet.byName(model, 3);
                double want = plainStep(plain, x, y);
                par.zeroGrad();
                DataParallel.Step st = new DataParallel(par).step(x, y);
                assertThat(st.loss()).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(st.correct()).isEqualTo(Accuracy.correct(plain.forward(x), y));
                List<Parameter> a = plain.parameters(), b = par.parameters();
                for (int i = 0; i < a.size(); i++) {
                    double[] ga = a.get(i).grad().data(), gb = b.get(i).grad().data();
                    double scale = 0;
                    for (double v : ga) scale = Math.max(scale, Math.abs(v));
                    for (int k = 0; k < ga.length; k++) {
                        assertThat(Math.abs(ga[k] - gb[k])).as("%s n=%d parameter %d [%d]", model, n, i, k)
                                .isLessThanOrEqualTo(1e-12 * scale + 1e-15);
                    }
                }
            }
        }
    }

    @Test
    void severalStepsWithReusedArraysTrainLikePlainSteps() {
        // the replicas reuse their output arrays between steps; a stale or non-zeroed array would show up here
        for (String model : new String[] {"d2l", "modern"}) {
            Sequential plain = LeNet.byName(model, 5), par = LeNet.byName(model, 5);
            Sgd sgdPlain = new Sgd(plain.parameters(), 0.3), sgdPar = new Sgd(par.parameters(), 0.3);
            DataParallel dp = new DataParallel(par);
            for (int step = 0; step < 4; step++) {
                int n = step == 2 ? 5 : 8;                          // a smaller batch in between, as an epoch's last
                Tensor x = Rnd.uniform(100 + step, n, 1, 28, 28);
                int[] y = labels(n, step);
                plainStep(plain, x, y);
                sgdPlain.step();
                sgdPar.zeroGrad();
                dp.step(x, y);
                sgdPar.step();
            }
            Tensor x = Rnd.uniform(7, 4, 1, 28, 28);
            double[] a = plain.forward(x).data(), b = par.forward(x).data();
            for (int i = 0; i < a.length; i++) assertThat(b[i]).as("%s logit %d", model, i).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @Test
    void replicasShareValuesButNotGradients() {
        Sequential net = LeNet.d2l(1);
        Sequential rep = net.replica();
        List<Parameter> a = net.parameters(), b = rep.parameters();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).value()).isSameAs(a.get(i).value());
            assertThat(b.get(i).grad()).isNotSameAs(a.get(i).grad());
        }
        Tensor x = Rnd.uniform(2, 3, 1, 28, 28);
        a.get(0).value().data()[0] += 0.5;                       // an update of the net is seen by the replica
        assertThat(rep.forward(x).data()).containsExactly(net.forward(x).data());
        assertThat(((Conv2D) rep.get(0)).inputGradient()).isEqualTo(((Conv2D) net.get(0)).inputGradient());
    }

    @Test
    void layersWithoutReplicaAreReportedAndBadBatchesRejected() {
        Layer custom = new Layer() {
            public Tensor forward(Tensor x) {
                return x;
            }

            public Tensor backward(Tensor dy) {
                return dy;
            }
        };
        assertThat(DataParallel.supports(new Sequential(new Flatten(), custom))).isFalse();
        assertThat(DataParallel.supports(LeNet.modern(0))).isTrue();
        DataParallel dp = new DataParallel(LeNet.modern(0));
        assertThatThrownBy(() -> dp.step(Tensor.zeros(2, 1, 28, 28), new int[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one label per example");
        assertThatThrownBy(() -> dp.step(Tensor.zeros(0, 1, 28, 28), new int[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no examples");
    }
}
