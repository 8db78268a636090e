package com.itvision.maintenance.app.database;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the context exists, so the ~1 s the server
 * takes to start overlaps the ~1.5 s Spring spends creating the web server and reading the configuration, instead
 * of following it (start-up to healthy is a product target, issue 9). Registered in {@code META-INF/spring.factories};
 * does nothing when {@code spring.datasource.url} names an external server.
 *
 * <p>The server is handed to the {@code embeddedPostgres} bean ({@link EmbeddedPostgresConfiguration}), which waits
 * for it and owns it from then on. A context that fails before that bean exists still stops it: this holder is a
 * disposable singleton of the context.
 */
public final class EmbeddedPostgresEarlyStart
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    static final String BEAN_NAME = "embeddedPostgresEarlyStart";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty("spring.datasource.url", "").isEmpty()
                || !(context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory)
                || beanFactory.containsSingleton(BEAN_NAME)) {
            return;
        }
        MaintenanceProperties.EmbeddedDb config;
        try {
            config = Binder.get(context.getEnvironment()).bind("maintenance", MaintenanceProperties.class)
                    .map(MaintenanceProperties::embeddedDb).orElse(null);
        } catch (RuntimeException e) {
            return; // the properties bean reports a bad setting with Spring's own failure analysis
        }
        if (config == null || config.dataDir() == null) {
            return; // the bean will start it, and report what is missing
        }
        Starting starting = new Starting(config);
        beanFactory.registerSingleton(BEAN_NAME, starting);
        beanFactory.registerDisposableBean(BEAN_NAME, starting);
    }

    /** A server being started for {@code config}. */
    static final class Starting implements DisposableBean {
        private static final Logger log = LoggerFactory.getLogger(Starting.class);

        private final MaintenanceProperties.EmbeddedDb config;
        private final CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
        private final AtomicBoolean handedOver = new AtomicBoolean();

        Starting(MaintenanceProperties.EmbeddedDb config) {
            this.config = config;
            Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
                try {
                    server.complete(EmbeddedPostgresServer.start(config));
                } catch (Throwable e) {
                    server.completeExceptionally(e);
                }
            });
        }

        /**
         * The started server, now owned by the caller; or, if the configuration bound later differs from the one
         * read at initialisation (it cannot with Spring's own binding, but a test may replace the properties bean),
         * null after stopping the early one.
         */
        EmbeddedPostgresServer takeFor(MaintenanceProperties.EmbeddedDb wanted) throws IOException {
            EmbeddedPostgresServer started = await();
            handedOver.set(true);
            if (!config.equals(wanted)) {
                started.close();
                return null;
            }
            return started;
        }

        private EmbeddedPostgresServer await() throws IOException {
            try {
                return server.join();
            } catch (CompletionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw new UncheckedIOException(new IOException(e.getCause()));
                }
            }
        }

        @Override
        public void destroy() {
            if (handedOver.get()) {
                return;
            }
            try {
                EmbeddedPostgresServer started = await();
                log.info("Context closed before it used the embedded PostgreSQL: stopping it");
                started.close();
            } catch (IOException | RuntimeException e) {
                log.warn("The embedded PostgreSQL started early could not be stopped cleanly", e);
            }
        }
    }
}
