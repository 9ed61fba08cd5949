package convkit.train;

import java.util.Locale;

/**
 * One epoch of training: mean training loss over the epoch's batches (weighted by batch size), training accuracy
 * measured on the fly during the epoch (as d2l's {@code train_ch6} does), test accuracy after the epoch, and the
 * wall-clock seconds of the training pass (without the test evaluation) and of the evaluation.
 */
public record EpochResult(int epoch, double loss, double trainAcc, double testAcc, double seconds, double evalSeconds) {
    /** The progress line printed by the command line trainer. */
    public String line() {
        return String.format(Locale.ROOT, "epoch %2d  loss %.4f  train acc %.4f  test acc %.4f  %.1f s (+%.1f s eval)",
                epoch, loss, trainAcc, testAcc, seconds, evalSeconds);
    }
}
