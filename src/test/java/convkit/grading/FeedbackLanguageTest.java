package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.i18n.Catalog;
import convkit.i18n.Lang;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The self-check speaks the student's language: a notebook of notebooks/ja/ gets its score table, statuses and hints'
 * labels in Japanese (notebooks/zh/ in Chinese), from the same grading; the instructor's view stays English.
 */
class FeedbackLanguageTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @AfterEach
    void reset() {
        Lang.use(null);
    }

    @Test
    void theStubsScoreInJapaneseAndChinese() {
        GradeReport r = Check.grade(ROOT, "7.3");
        String english = Check.feedback(ROOT, r, "7.3");
        Lang.use(Lang.JA);
        String ja = Check.feedback(ROOT, r, "7.3");
        assertThat(ja).contains("あなたの演習 7.3 の得点", "番号", "テスト", "得点", "満点", "結果", "不合格", "合計", "ヒント:")
                .contains("非公開のテストが", "教員の採点で実行されます")
                .doesNotContain("FAILED", "Hint:", "Score of");
        Feedback f = Feedback.of(r, ja);
        assertThat(f.toString().lines().limit(3).anyMatch(l -> l.contains("ヒント"))).as("no hint column in the table").isFalse();
        assertThat(f.html()).contains("<caption", "あなたの演習 7.3 の得点");
        Lang.use(Lang.ZH);
        String zh = Check.feedback(ROOT, r, "7.3");
        assertThat(zh).contains("你的练习 7.3 的得分", "编号", "未通过", "总计", "提示：", "个隐藏测试");
        // the same tests, numbers and points in every language
        for (String t : new String[] {ja, zh}) {
            assertThat(t).contains("7.3.1.1", "outputSize");
        }
        assertThat(r.instructorFeedback()).contains("FAILED").doesNotContain("不合格", "未通过");
        Lang.use(Lang.EN);
        assertThat(Check.feedback(ROOT, r, "7.3")).isEqualTo(english);
    }

    @Test
    void noMatchIsSaidInTheLanguageToo() {
        GradeReport none = new GradeReport("x", java.util.List.of(), java.util.List.of(), 0);
        Lang.use(Lang.JA);
        assertThat(Check.feedback(ROOT, none, "8.1")).isEqualTo("「8.1」に当てはまる公開の採点テストはありません（番号は 7.2、7.3.1、7.9.4 のような形です）。\n");
    }

    @Test
    void everyMessageHasBothTranslationsAndTheSamePlaceholders() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String en : Catalog.MESSAGES.keys(Lang.EN)) {
                for (Lang l : new Lang[] {Lang.JA, Lang.ZH}) {
                    assertThat(Catalog.MESSAGES.has(l, en)).as(l + " text for " + en).isTrue();
                    // a translation may reorder (%2$s) or drop arguments, but must format with the English arguments
                    Object[] args = {3, "s", "2.5", "s", "s"};
                    if (en.contains("%d/%d") || en.contains("%d of %d")) args = new Object[] {1, 2};
                    String.format(java.util.Locale.ROOT, Catalog.MESSAGES.in(l, en), args);
                }
            }
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
