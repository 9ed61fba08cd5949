package convkit.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit Jupiter test method as graded.
 *
 * <pre>{@code
 * @Test
 * @Graded(number = "7.2.1.1", points = 1, hint = "K = [[1, -1]] compares a pixel with its right neighbour")
 * void diagonalResponse() { ... }
 * }</pre>
 *
 * <p>A {@code @ParameterizedTest} (or any test template) shares its points equally among its
 * invocations, so passing 3 of 4 cases earns 3/4 of the points. Every test runs under a timeout
 * ({@code convkit.grading.timeout}, default 10 s, or JUnit's {@code @Timeout}); a test that times out
 * scores zero and the run goes on. Tests without this annotation earn no points and are not reported.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {
    /** Dotted number, e.g. "7.2.1.1": d2l section, exercise, test. The first three parts name the exercise. */
    String number();

    /** Maximum points of this test (shared by the invocations of a parameterised test). */
    double points() default 1;

    /** Who sees the result, as on Gradescope. Non-visible tests belong in solutions/src/hidden/java. */
    Visibility visibility() default Visibility.VISIBLE;

    /** Shown to the student when the test fails (not for hidden tests before the due date). */
    String hint() default "";

    /** Short name shown in tables; the method's display name when empty. */
    String name() default "";

    /** Extra Gradescope tags; the exercise number is always added. */
    String[] tags() default {};
}
