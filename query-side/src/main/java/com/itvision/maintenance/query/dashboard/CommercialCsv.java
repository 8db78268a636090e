package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.SalesRep;
import java.util.List;

/**
 * The commercial dashboard as CSV (RFC 4180, UTF-8, CRLF), one figure per line so that a spreadsheet
 * can pivot it: {@code section,metric,key,currency,value}. Money is in minor units with its currency;
 * rates are fractions; an empty value means "nothing to rate". Text cells that a spreadsheet would
 * run as a formula (starting with = + - @) are prefixed with an apostrophe.
 */
final class CommercialCsv {
    static final String HEADER = "section,metric,key,currency,value";

    private final StringBuilder out = new StringBuilder(HEADER).append("\r\n");

    private CommercialCsv() {
    }

    static String write(CommercialDashboard d) {
        CommercialCsv csv = new CommercialCsv();
        csv.line("period", "today", null, null, d.today());
        csv.line("period", "from", null, null, d.from());
        csv.line("period", "to", null, null, d.to());
        csv.line("contracts", "active", null, null, d.activeContracts());
        for (CommercialDashboard.Revenue r : d.revenue()) {
            csv.line("revenue", "activeContracts", null, r.currency(), r.activeContracts());
            csv.money("revenue", "arr", null, r.arr());
            csv.money("revenue", "mrr", null, r.mrr());
        }
        csv.line("expirations", "within30Days", null, null, d.expirations().within30Days());
        csv.line("expirations", "within60Days", null, null, d.expirations().within60Days());
        csv.line("expirations", "within90Days", null, null, d.expirations().within90Days());
        csv.line("renewal", "reachedEnd", null, null, d.renewal().reachedEnd());
        csv.line("renewal", "renewed", null, null, d.renewal().renewed());
        csv.line("renewal", "rate", null, null, d.renewal().rate());
        csv.line("renewal", "target", null, null, d.renewal().target());
        csv.line("churn", "activeAtStart", null, null, d.churn().activeAtStart());
        csv.line("churn", "terminated", null, null, d.churn().terminated());
        csv.line("churn", "rate", null, null, d.churn().rate());
        d.churn().reasons().forEach(r -> csv.line("churn", "reason", r.category(), null, r.count()));
        var c = d.conversion();
        csv.line("conversion", "proposed", null, null, c.proposed());
        csv.line("conversion", "accepted", null, null, c.accepted());
        csv.line("conversion", "acceptedByClient", null, null, c.acceptedByClient());
        csv.line("conversion", "declined", null, null, c.declined());
        csv.line("conversion", "pending", null, null, c.pending());
        csv.line("conversion", "rate", null, null, c.rate());
        csv.line("conversion", "target", null, null, c.target());
        var k = d.contractualisation();
        csv.line("contractualisation", "clients", null, null, k.clients());
        csv.line("contractualisation", "withActiveContract", null, null, k.withActiveContract());
        csv.line("contractualisation", "rate", null, null, k.rate());
        csv.line("contractualisation", "target", null, null, k.target());
        for (CommercialDashboard.Mix m : d.mix()) {
            csv.line("mix", "count", m.type(), null, m.count());
            csv.line("mix", "share", m.type(), null, m.share());
            if (m.targetShare() != null) {
                csv.line("mix", "targetShare", m.type(), null, m.targetShare());
            }
        }
        csv.line("interventions", "total", null, null, d.interventions().total());
        csv.line("interventions", "monthlyAverage", null, null, d.interventions().monthlyAverage());
        d.interventions().byMonth().forEach(m -> csv.line("interventions", "month", m.month(), null, m.count()));
        csv.line("satisfaction", "ratings", null, null, d.satisfaction().ratings());
        csv.line("satisfaction", "average", null, null, d.satisfaction().average());
        csv.line("usage", "contracts", null, null, d.usage().contracts());
        csv.line("usage", "averageRate", null, null, d.usage().averageRate());
        for (SalesRep rep : d.salesReps().rows()) {
            String id = rep.salesRepId() == null ? "" : rep.salesRepId();
            csv.line("salesRep", "name", id, null, rep.name());
            csv.line("salesRep", "contracts", id, null, rep.contracts());
            csv.line("salesRep", "active", id, null, rep.active());
            csv.line("salesRep", "proposals", id, null, rep.proposals());
            rep.arr().forEach(m -> csv.money("salesRep", "arr", id, m));
        }
        var t = d.salesReps().total();
        csv.line("salesRepTotal", "contracts", null, null, t.contracts());
        csv.line("salesRepTotal", "active", null, null, t.active());
        csv.line("salesRepTotal", "proposals", null, null, t.proposals());
        t.arr().forEach(m -> csv.money("salesRepTotal", "arr", null, m));
        return csv.out.toString();
    }

    private void money(String section, String metric, String key, Money money) {
        line(section, metric, key, money.currency(), money.amountMinor());
    }

    private void line(String section, String metric, String key, String currency, Object value) {
        out.append(String.join(",", List.of(section, metric, cell(key), cell(currency),
                value instanceof String text ? cell(text) : value == null ? "" : value.toString()))).append("\r\n");
    }

    /** Quotes a text cell when needed and defuses spreadsheet formulas. */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
