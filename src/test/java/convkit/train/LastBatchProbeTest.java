package convkit.train;

import convkit.data.Dataset;
import convkit.models.LeNet;
import convkit.nn.Parameter;
import convkit.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LastBatchProbeTest {
    @Test
    void replaysTheTrainerExactlyAndEndsWithTheRealLastStep() {
        Dataset train = Dataset.random(100, 1), test = Dataset.random(40, 2);   // batches of 32: 32, 32, 32, 4
        Sequential probed = LeNet.d2l(3), trained = LeNet.d2l(3);
        LastBatchProbe.Result r = LastBatchProbe.run(probed, train, test, 0.9, 32, 5, 2, 3, 7);
        History h = new Trainer(0.9, 32, 5).train(trained, train, test, 2, null);
        assertThat(r.last()).isEqualTo(h.last().testAcc());
        assertThat(r.lastSize()).isEqualTo(4);
        assertThat(r.sameSize()).hasSize(3);
        assertThat(r.fullSize()).hasSize(3);
        List<Parameter> a = probed.parameters(), b = trained.parameters();
        for (int i = 0; i < a.size(); i++) assertThat(a.get(i).value().data()).containsExactly(b.get(i).value().data());
    }

    @Test
    void badArgumentsAreReported() {
        Dataset d = Dataset.random(10, 1);
        assertThatThrownBy(() -> LastBatchProbe.run(LeNet.d2l(0), d, d, 0.9, 4, 0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> LastBatchProbe.run(LeNet.d2l(0), d, d, 0.9, 4, 0, 1, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("others");
    }
}
