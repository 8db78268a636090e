package com.itvision.maintenance.app.performance;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the JDBC round trips and transactions of the threads that serve commands: Tomcat's request threads
 * ({@code http-nio-*}) and any thread inside {@link #counted}. The physical connections of the application's
 * Hikari pool are wrapped (the pool, its bean and its type stay the application's own), so every statement
 * the command path sends is seen, whoever sends it (Axon, jOOQ, JdbcClient); the projections' and pool
 * housekeeping's threads are not counted. Test support for {@link CommandPathBenchmarkTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CountingJdbc {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final ThreadLocal<Boolean> COUNTED = ThreadLocal.withInitial(() -> false);
    private static final LongAdder STATEMENTS = new LongAdder();
    private static final LongAdder COMMITS = new LongAdder();
    private static final LongAdder AUTOCOMMITS = new LongAdder();
    private static final LongAdder ROLLBACKS = new LongAdder();
    private static final Map<String, LongAdder> BY_SQL = new ConcurrentHashMap<>();

    /** Statements sent, explicit commits, statements run in auto-commit (a transaction each), rollbacks. */
    public record Counts(long statements, long commits, long autoCommits, long rollbacks, Map<String, Long> bySql) {
        public Counts minus(Counts before) {
            Map<String, Long> sql = new LinkedHashMap<>();
            bySql.forEach((k, v) -> {
                long d = v - before.bySql.getOrDefault(k, 0L);
                if (d > 0) {
                    sql.put(k, d);
                }
            });
            return new Counts(statements - before.statements, commits - before.commits,
                    autoCommits - before.autoCommits, rollbacks - before.rollbacks, sql);
        }

        /** The statements sent most often, as {@code count × sql}, one a line. */
        public String top(int n, double per) {
            StringBuilder out = new StringBuilder();
            bySql.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(n).forEach(e -> out.append("        %5.2f × %s%n".formatted(e.getValue() / per, e.getKey())));
            return out.toString();
        }
    }

    public static Counts now() {
        Map<String, Long> sql = new LinkedHashMap<>();
        BY_SQL.forEach((k, v) -> sql.put(k, v.sum()));
        return new Counts(STATEMENTS.sum(), COMMITS.sum(), AUTOCOMMITS.sum(), ROLLBACKS.sum(), sql);
    }

    /** Runs {@code work} on this thread with its statements counted. */
    public static <T> T counted(java.util.concurrent.Callable<T> work) throws Exception {
        COUNTED.set(true);
        try {
            return work.call();
        } finally {
            COUNTED.set(false);
        }
    }

    private static boolean counting() {
        return COUNTED.get() || Thread.currentThread().getName().startsWith("http-nio");
    }

    private static String shape(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() > 110 ? flat.substring(0, 110) + "…" : flat;
    }

    @Bean
    static BeanPostProcessor countingHikariConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null) {
                    hikari.setDataSource(countingDataSource(hikari));
                }
                return bean;
            }
        };
    }

    /** The driver's data source Hikari would have built from its settings at its first connection, counted. */
    private static DataSource countingDataSource(HikariDataSource hikari) {
        DataSource[] driver = {null};
        return (DataSource) Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    synchronized (driver) {
                        if (driver[0] == null) {
                            driver[0] = new DriverDataSource(hikari.getJdbcUrl(), hikari.getDriverClassName(),
                                    hikari.getDataSourceProperties(), hikari.getUsername(), hikari.getPassword());
                        }
                    }
                    Object result = invoke(driver[0], method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                });
    }

    private static Connection connection(Connection real) {
        return (Connection) Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (counting()) {
                        if (name.equals("commit")) {
                            COMMITS.increment();
                        } else if (name.equals("rollback") && (args == null || args.length == 0)) {
                            ROLLBACKS.increment();
                        }
                    }
                    Object result = invoke(real, method, args);
                    if (result instanceof Statement statement && !name.equals("unwrap")) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                        return statement(statement, real, sql);
                    }
                    return result;
                });
    }

    private static Statement statement(Statement real, Connection connection, String preparedSql) {
        Class<?> type = real instanceof CallableStatement ? CallableStatement.class
                : real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (proxy, method, args) -> {
            if (EXECUTES.contains(method.getName()) && counting()) {
                STATEMENTS.increment();
                if (connection.getAutoCommit()) {
                    AUTOCOMMITS.increment();
                }
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                BY_SQL.computeIfAbsent(sql == null ? "(batch)" : shape(sql), k -> new LongAdder()).increment();
            }
            return invoke(real, method, args);
        };
        return (Statement) Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
