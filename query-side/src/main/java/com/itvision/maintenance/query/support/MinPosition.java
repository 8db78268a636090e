package com.itvision.maintenance.query.support;

import com.itvision.maintenance.projections.support.ReadModelProgress;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Read-your-writes: a GET with {@code X-Min-Position: <global position>} (returned by every command) is
 * answered once every read-model segment has committed that position, or after 5 s, saying which
 * ({@code X-Min-Position-Reached: true|false}); it is never refused for lagging.
 * <ul>
 *   <li>No request thread waits: the request goes asynchronous (servlet async), one scheduler thread
 *       checks the stored tokens every {@link #POLL} for all waiting requests at once, and the request is
 *       dispatched again, to its controller, when it is decided. A waiting request holds its connection
 *       only.</li>
 *   <li>A position above the store's head is taken as the head, so every such value answers alike and
 *       nobody learns the head by probing.</li>
 *   <li>Progress is what {@link ReadModelProgress} reads from the stored tokens: a segment stuck in error,
 *       retrying or claimed by nobody does not move, so it is not reached.</li>
 * </ul>
 * The filter runs after Spring Security: an unauthenticated request is refused before it waits.
 */
@Configuration(proxyBeanMethods = false)
public class MinPosition {
    public static final String HEADER = "X-Min-Position";
    public static final String REACHED_HEADER = HEADER + "-Reached";
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(25);
    /** Beyond this many waiting requests, a new one is answered at once (reached or not). */
    static final int MAX_WAITING = 2_000;

    @Bean
    FilterRegistrationBean<WaitFilter> minPositionFilter(ReadModelProgress progress) {
        FilterRegistrationBean<WaitFilter> registration = new FilterRegistrationBean<>(new WaitFilter(progress));
        registration.addUrlPatterns("/api/v1/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        // after Spring Security (-100) and the application's own filters
        registration.setOrder(0);
        return registration;
    }

    /** The servlet filter; its scheduler thread stops with the servlet container. */
    public static final class WaitFilter implements Filter {
        private static final Logger log = LoggerFactory.getLogger(WaitFilter.class);
        private static final String DECIDED = MinPosition.class.getName() + ".reached";
        private static final String LOG_CONTEXT = MinPosition.class.getName() + ".mdc";

        private final ReadModelProgress progress;
        private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "x-min-position");
            thread.setDaemon(true);
            return thread;
        });

        WaitFilter(ReadModelProgress progress) {
            this.progress = progress;
            scheduler.scheduleWithFixedDelay(this::decideWaiting, POLL.toMillis(), POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            if (request.getDispatcherType() == DispatcherType.ASYNC) {
                resume(request, response, chain);
                return;
            }
            String header = request.getHeader(HEADER);
            if (header == null || !"GET".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            long requested;
            try {
                requested = Long.parseLong(header.strip());
            } catch (NumberFormatException e) {
                response.setHeader(REACHED_HEADER, "false");
                chain.doFilter(request, response);
                return;
            }
            long head;
            try {
                head = progress.head();
            } catch (RuntimeException e) {
                // the store cannot be read: not reached, and the query itself will say why
                log.debug("Event store head unavailable: {}", e.toString());
                response.setHeader(REACHED_HEADER, "false");
                chain.doFilter(request, response);
                return;
            }
            long position = Math.min(requested, head);
            boolean reached = reached(position);
            if (reached || count.get() >= MAX_WAITING) {
                response.setHeader(REACHED_HEADER, String.valueOf(reached));
                chain.doFilter(request, response);
                return;
            }
            request.setAttribute(LOG_CONTEXT, MDC.getCopyOfContextMap());
            AsyncContext async = request.startAsync();
            // the container's own limit only backs up the scheduler, which decides at MAX_WAIT
            async.setTimeout(MAX_WAIT.plusSeconds(10).toMillis());
            Waiting wait = new Waiting(async, position, System.nanoTime() + MAX_WAIT.toNanos());
            async.addListener(wait);
            count.incrementAndGet();
            waiting.add(wait);
        }

        /** How many requests are waiting now (each holds its connection, none a thread). */
        public int waiting() {
            return count.get();
        }

        /** The second pass, on a container thread, once decided: the header, then the controller. */
        private static void resume(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Object reached = request.getAttribute(DECIDED);
            if (reached == null) {
                chain.doFilter(request, response);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, String> logContext = (Map<String, String>) request.getAttribute(LOG_CONTEXT);
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                response.setHeader(REACHED_HEADER, reached.toString());
                chain.doFilter(request, response);
            } finally {
                MDC.clear();
            }
        }

        private boolean reached(long position) {
            try {
                return progress.snapshot().reached(position);
            } catch (RuntimeException e) {
                log.debug("Read-model progress unavailable: {}", e.toString());
                return false;
            }
        }

        /** One pass of the scheduler: one snapshot for every waiting request. */
        private void decideWaiting() {
            if (waiting.isEmpty()) {
                return;
            }
            ReadModelProgress.Snapshot snapshot;
            try {
                snapshot = progress.snapshot();
            } catch (RuntimeException e) {
                log.debug("Read-model progress unavailable: {}", e.toString());
                snapshot = null;
            }
            long now = System.nanoTime();
            for (Waiting wait : waiting) {
                if (snapshot != null && snapshot.reached(wait.position)) {
                    wait.decide(true);
                } else if (now - wait.deadline >= 0) {
                    wait.decide(false);
                }
            }
        }

        /** Called by the servlet container as it stops, after graceful shutdown let waiting requests finish. */
        @Override
        public void destroy() {
            scheduler.shutdownNow();
            waiting.forEach(wait -> wait.decide(false));
        }

        /** A request waiting for {@code position}; decided once, by the scheduler or the container's timeout. */
        private final class Waiting implements AsyncListener {
            private final AsyncContext async;
            private final long position;
            private final long deadline;
            private final AtomicBoolean decided = new AtomicBoolean();

            private Waiting(AsyncContext async, long position, long deadline) {
                this.async = async;
                this.position = position;
                this.deadline = deadline;
            }

            void decide(boolean reached) {
                if (!decided.compareAndSet(false, true)) {
                    return;
                }
                waiting.remove(this);
                count.decrementAndGet();
                try {
                    async.getRequest().setAttribute(DECIDED, reached);
                    async.dispatch();
                } catch (IllegalStateException e) {
                    log.debug("A read-your-writes request ended before it was decided: {}", e.getMessage());
                }
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                decide(false);
            }

            @Override
            public void onError(AsyncEvent event) {
                forget();
            }

            @Override
            public void onComplete(AsyncEvent event) {
                forget();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }

            private void forget() {
                if (decided.compareAndSet(false, true)) {
                    waiting.remove(this);
                    count.decrementAndGet();
                }
            }
        }
    }
}
