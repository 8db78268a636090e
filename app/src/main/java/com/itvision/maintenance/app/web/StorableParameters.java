package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The {@link StorableText} rule for what reaches queries and commands outside the body: every query
 * parameter (name and value), every path variable and every header a handler binds with
 * {@code @RequestHeader}. Checked before the handler runs, so {@code ?status=%00} is a 400 naming
 * {@code status} instead of a database error. Bodies are checked by {@link StrictJsonConfiguration}.
 */
@Component
public class StorableParameters implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // first: nothing else (MinPosition's wait, for one) should be spent on a request that is refused
        registry.addInterceptor(this).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            check(parameter.getKey(), parameter.getKey());
            for (String value : parameter.getValue()) {
                check(parameter.getKey(), value);
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), (String) value));
        }
        if (handler instanceof HandlerMethod method) {
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
                String name = header == null ? null : !header.name().isEmpty() ? header.name()
                        : !header.value().isEmpty() ? header.value() : parameter.getParameterName();
                if (name != null) {
                    for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                        check(name, values.nextElement());
                    }
                }
            }
        }
        return true;
    }

    private static void check(String name, String value) {
        if (!StorableText.isStorable(value)) {
            throw new InvalidFieldException(ErrorCode.VALIDATION_FAILED, StorableText.isStorable(name) ? name : "parameter",
                    StorableText.refusal(value));
        }
    }
}
