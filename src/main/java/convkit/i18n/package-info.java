/**
 * The three languages of the kit (English, Japanese, Simplified Chinese): {@link convkit.i18n.Lang} (which one is in
 * force: a setting, or the folder of the notebook the kernel runs for) and {@link convkit.i18n.Catalog} (tables of
 * translations keyed by the English text: the pictures' labels for {@code convkit.viz}, the grader's student-facing
 * text for {@code convkit.grading}). The notebooks' prose is translated in {@code notebooks/tools/i18n/}, not here.
 * Depends on nothing of convkit.
 */
package convkit.i18n;
