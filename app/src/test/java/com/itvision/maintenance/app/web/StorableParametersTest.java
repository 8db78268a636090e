package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Query parameters, path variables and the headers a handler binds follow the {@link
 * com.itvision.maintenance.kernel.common.StorableText} rule. Tomcat and the JDK's HTTP client refuse control
 * characters in header values before they reach the application, so headers are checked here directly.
 */
class StorableParametersTest {
    private final StorableParameters check = new StorableParameters();

    /** A handler with the three kinds of bound values. */
    static final class Handler {
        public void handle(@PathVariable String id, @RequestParam String status,
                           @RequestHeader(name = "If-Match", required = false) String ifMatch,
                           @RequestHeader("Idempotency-Key") String key) {
        }
    }

    private static HandlerMethod handler() throws NoSuchMethodException {
        return new HandlerMethod(new Handler(), Handler.class.getMethod("handle", String.class, String.class,
                String.class, String.class));
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/tickets/ticket-1/hold");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "ticket-1"));
        request.addParameter("status", "OPEN");
        request.addHeader("If-Match", "3");
        request.addHeader("Idempotency-Key", "key-1");
        request.addHeader("User-Agent", "agent\u0007 not bound by the handler, not checked");
        return request;
    }

    private InvalidFieldException refusal(MockHttpServletRequest request) throws Exception {
        HandlerMethod handler = handler();
        return catchThrowableOfType(InvalidFieldException.class,
                () -> check.preHandle(request, new MockHttpServletResponse(), handler));
    }

    @Test
    void clean_values_pass_and_unbound_headers_are_not_the_handlers_business() throws Exception {
        assertThat(check.preHandle(request(), new MockHttpServletResponse(), handler())).isTrue();
    }

    @Test
    void a_query_parameter_value_is_refused_naming_the_parameter() throws Exception {
        MockHttpServletRequest request = request();
        request.setParameter("status", "OPEN", "\u0000");

        InvalidFieldException refused = refusal(request);

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.field()).isEqualTo("status");
        assertThat(refused.getMessage()).endsWith("(U+0000 at position 1)");
    }

    @Test
    void a_path_variable_is_refused_naming_it() throws Exception {
        MockHttpServletRequest request = request();
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "ticket\uFFFF"));

        assertThat(refusal(request).field()).isEqualTo("id");
    }

    @Test
    void a_bound_header_is_refused_naming_it() throws Exception {
        MockHttpServletRequest bound = request();
        bound.removeHeader("Idempotency-Key");
        bound.addHeader("Idempotency-Key", "key\u001b[31m");
        assertThat(refusal(bound).field()).isEqualTo("Idempotency-Key");

        MockHttpServletRequest byName = request();
        byName.removeHeader("If-Match");
        byName.addHeader("If-Match", "\ud800");
        assertThat(refusal(byName).field()).isEqualTo("If-Match");
    }

    @Test
    void a_parameter_name_that_is_not_text_is_not_echoed_as_the_field() throws Exception {
        MockHttpServletRequest request = request();
        request.addParameter("st\u0000atus", "OPEN");

        assertThat(refusal(request).field()).isEqualTo("parameter");
    }
}
