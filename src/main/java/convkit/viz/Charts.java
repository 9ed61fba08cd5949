package convkit.viz;

import java.awt.image.BufferedImage;

/** One-call charts; {@link LineChart} for more control (several series, size). */
public final class Charts {
    private Charts() {
    }

    /** A one-series line chart of y against x (copied). @see LineChart#series(String, double[], double[]) */
    public static BufferedImage line(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return LineChart.create(title).xLabel(xLabel).yLabel(yLabel).series(yLabel, x, y).render();
    }

    /** Like {@link #line} with a logarithmic y axis (every y > 0), the natural scale for a loss curve. */
    public static BufferedImage lineLogY(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return LineChart.create(title).xLabel(xLabel).yLabel(yLabel).logY(true).series(yLabel, x, y).render();
    }
}
