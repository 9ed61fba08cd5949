/**
 * Pictures for notebooks, drawn headless with Java2D: {@link convkit.viz.Images} (heatmaps of tensors, pictures
 * side by side, channel slices), {@link convkit.viz.Heatmap} (one heatmap with its settings),
 * {@link convkit.viz.ColorMap}, {@link convkit.viz.LineChart} and {@link convkit.viz.Charts} (loss and accuracy
 * curves), {@link convkit.viz.Text} (text that still renders without fonts). Depends on {@link convkit.Tensor}
 * only; used by the notebooks ({@code display(...)} shows the images).
 */
package convkit.viz;
