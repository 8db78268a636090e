package com.itvision.maintenance.query.support;

import com.itvision.maintenance.projections.support.Projections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read-your-writes: a query with {@code X-Min-Position: <global position>} (returned by every command)
 * waits, up to 5 s, until every read-model processor has processed that position. The answer says
 * whether it did ({@code X-Min-Position-Reached: true|false}); it is never refused for lagging.
 */
@Component
public class MinPosition implements HandlerInterceptor, WebMvcConfigurer {
    public static final String HEADER = "X-Min-Position";
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;

    public MinPosition(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        String header = request.getHeader(HEADER);
        if (header == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        long position;
        try {
            position = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            response.setHeader(HEADER + "-Reached", "false");
            return true;
        }
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        boolean reached = reached(position);
        while (!reached && System.nanoTime() < deadline) {
            Thread.sleep(20);
            reached = reached(position);
        }
        response.setHeader(HEADER + "-Reached", String.valueOf(reached));
        return true;
    }

    /** True when every segment of every read-model processor has processed {@code position}. */
    public boolean reached(long position) {
        for (String group : Projections.ALL) {
            var processor = processing.eventProcessor(group, StreamingEventProcessor.class);
            if (processor.isEmpty()) {
                continue;
            }
            var segments = processor.get().processingStatus();
            if (segments.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus status : segments.values()) {
                OptionalLong current = status.getCurrentPosition();
                if (current.isEmpty() || current.getAsLong() < position) {
                    return false;
                }
            }
        }
        return true;
    }
}
