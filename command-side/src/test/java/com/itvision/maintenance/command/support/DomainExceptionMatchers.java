package com.itvision.maintenance.command.support;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Hamcrest matchers for {@code fixture...expectException(hasCode(ErrorCode.X))}. */
public final class DomainExceptionMatchers {
    private DomainExceptionMatchers() {
    }

    /** A {@link DomainException} (not just any exception) carrying exactly {@code code}. */
    public static Matcher<Throwable> hasCode(ErrorCode code) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual, Description mismatch) {
                if (!(actual instanceof DomainException domain)) {
                    mismatch.appendText("was a ").appendText(actual.getClass().getName())
                            .appendText(": ").appendValue(actual.getMessage());
                    return false;
                }
                if (domain.code() != code) {
                    mismatch.appendText("was a DomainException with code ").appendValue(domain.code())
                            .appendText(": ").appendValue(domain.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException with code ").appendValue(code);
            }
        };
    }
}
