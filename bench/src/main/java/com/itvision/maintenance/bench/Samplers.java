package com.itvision.maintenance.bench;

/** Peaks sampled every 200 ms while a figure runs: the application's resident memory, its used heap. */
final class Samplers {
    private Samplers() {
    }

    /** VmRSS of the application's JVM, in MiB. */
    static Sampler rss(AppProcess app) {
        return new Sampler(app::rssMiB);
    }

    /** The application's used heap (/actuator/metrics/jvm.memory.used, area heap), in MiB. */
    static Sampler heap(Http http, String admin) {
        return new Sampler(() -> http.get("/actuator/metrics/jvm.memory.used?tag=area:heap", admin).json()
                .path("measurements").path(0).path("value").asDouble() / (1024 * 1024));
    }

    static final class Sampler implements AutoCloseable {
        interface Probe {
            double read() throws Exception;
        }

        private final Thread thread;
        private volatile boolean running = true;
        private volatile double max;

        Sampler(Probe probe) {
            this.thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    try {
                        max = Math.max(max, probe.read());
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception ignored) {
                        // a missed sample
                    }
                }
            });
        }

        double max() {
            return max;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
