package convkit.grading;

import java.util.List;

/**
 * The graded tests of a grading, fixed by the grader before any student code is compiled: from the instructor's
 * compiled test classes ({@link InstructorTests}), or, in the student's self-check (no instructor build), from
 * the kit's test sources as text ({@link GradedScan}). Numbers, points, visibility and hints come only from here;
 * nothing a submission declares can add a test or change its points, so a score never exceeds the maximum.
 *
 * @param tests  one entry per graded method, keyed {@code Class#method}
 * @param source how the plan was made ("compiled instructor tests" or "test sources")
 */
record TestPlan(List<Test> tests, String source) {
    /**
     * One graded method. {@code hidden}: its class runs only in phase 2, after the visible results are sealed.
     * {@code cases}: how many invocations the instructor's compiled test has (1 for a {@code @Test}, the rows of a
     * {@code @CsvSource} or the values of a {@code @ValueSource}), or -1 when only running it can tell (other argument
     * sources, or a plan from test sources). Cases that did not run count as failed, so that ending the JVM in one
     * case cannot shrink the denominator of a parameterised test's share.
     */
    record Test(String key, String number, double points, Visibility visibility, String hint, String name, List<String> tags,
                boolean hidden, int cases) {
        String className() {
            return key.substring(0, key.indexOf('#'));
        }
    }

    TestPlan only(String prefix) {
        return new TestPlan(tests.stream().filter(t -> Numbers.matches(t.number(), prefix)).toList(), source);
    }
}
