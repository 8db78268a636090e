package com.itvision.maintenance.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of a run: the application's value and the limit measured in the same run, one sample per run,
 * shown as median [min–max]; the ratio app / limit is computed per run (so each ratio pairs figures of the same
 * minute) and its median is checked against the target. Printed as a table, written as JSON.
 */
final class Report {
    /** An issue target: on the ratio (at least / at most) or on the application's own value (at most). */
    record Target(String text, String on, double bound, boolean atLeast) {
        static Target ratioAtLeast(double bound) {
            return new Target("ratio >= " + bound, "ratio", bound, true);
        }

        static Target ratioAtMost(double bound) {
            return new Target("ratio <= " + bound, "ratio", bound, false);
        }

        static Target valueAtMost(double bound, String unit) {
            return new Target("<= " + format(bound) + " " + unit, "app", bound, false);
        }

        static Target valueAtLeast(double bound, String unit) {
            return new Target(">= " + format(bound) + " " + unit, "app", bound, true);
        }

        static final Target NONE = new Target("(printed)", "none", 0, true);

        Boolean pass(Summary app, Summary ratio) {
            Summary measured = on.equals("ratio") ? ratio : on.equals("app") ? app : null;
            if (measured == null) {
                return null;
            }
            return atLeast ? measured.median() >= bound : measured.median() <= bound;
        }
    }

    record Summary(double median, double min, double max, List<Double> runs) {
        static Summary of(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Summary(median, sorted.getFirst(), sorted.getLast(), List.copyOf(values));
        }

        String text() {
            return runs.size() == 1 ? format(median) : format(median) + " [" + format(min) + "–" + format(max) + "]";
        }
    }

    static final class Row {
        final String what;
        final String unit;
        final String limitWhat;
        final Target target;
        final List<Double> app = new ArrayList<>();
        final List<Double> limit = new ArrayList<>();
        final List<Double> ratio = new ArrayList<>();

        Row(String what, String unit, String limitWhat, Target target) {
            this.what = what;
            this.unit = unit;
            this.limitWhat = limitWhat;
            this.target = target;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** The row {@code what} (created at its first sample, so the table keeps the order of the figures). */
    Row row(String what, String unit, String limitWhat, Target target) {
        return rows.computeIfAbsent(what, w -> new Row(w, unit, limitWhat, target));
    }

    /** One run's sample of a figure, and of its limit (null if it has none). */
    void add(String what, String unit, double app, String limitWhat, Double limit, Target target) {
        Row row = row(what, unit, limitWhat, target);
        row.app.add(app);
        if (limit != null) {
            row.limit.add(limit);
            if (limit != 0) {
                row.ratio.add(app / limit);
            }
        }
    }

    void fact(String key, Object value) {
        facts.put(key, value);
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| what | app | limit (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n");
        for (Row row : rows.values()) {
            Summary app = Summary.of(row.app);
            Summary limit = Summary.of(row.limit);
            Summary ratio = Summary.of(row.ratio);
            Boolean pass = app == null ? null : row.target.pass(app, ratio);
            out.append("| ").append(row.what)
                    .append(" | ").append(app == null ? "no sample" : app.text() + ' ' + row.unit)
                    .append(" | ").append(limit == null ? "" : row.limitWhat + ": " + limit.text() + ' ' + row.unit)
                    .append(" | ").append(ratio == null ? "" : ratio.text())
                    .append(" | ").append(row.target.text())
                    .append(" | ").append(pass == null ? "" : pass ? "yes" : "**no**")
                    .append(" |\n");
        }
        return out.toString();
    }

    void write(Path file) throws Exception {
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Row row : rows.values()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            Summary app = Summary.of(row.app);
            Summary ratio = Summary.of(row.ratio);
            figure.put("what", row.what);
            figure.put("unit", row.unit);
            figure.put("app", app);
            if (!row.limit.isEmpty()) {
                figure.put("limitWhat", row.limitWhat);
                figure.put("limit", Summary.of(row.limit));
                figure.put("ratio", ratio);
            }
            figure.put("target", row.target.text());
            figure.put("met", app == null ? null : row.target.pass(app, ratio));
            figures.add(figure);
        }
        Map<String, Object> json = new LinkedHashMap<>(facts);
        json.put("figures", figures);
        json.put("notes", notes);
        json.put("table", table());
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
