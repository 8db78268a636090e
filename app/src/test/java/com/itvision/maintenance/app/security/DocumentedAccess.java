package com.itvision.maintenance.app.security;

import com.itvision.maintenance.kernel.common.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who an operation's OpenAPI description says may call it, read from its "Roles: ..." sentence: the roles
 * named, each with the scope the sentence gives it (only its own client, only the clients it follows, only
 * as the billet's technician), the roles it says are refused with 403, or every role. A sentence this
 * reader does not understand is an error naming the operation, so that the matrix never guesses: the
 * description is then to be written in these terms.
 */
record DocumentedAccess(Map<Role, Scope> allowed, Set<Role> refused, boolean asTheList) {

    /** What limits an allowed role beyond the read models' scope, which every role has anyway. */
    enum Scope {
        /** Within its read scope (README: a CLIENT its client, SALES its clients, ...). */
        READ,
        /** A CLIENT user for its own client only. */
        OWN_CLIENT,
        /** A SALES user for the clients it follows only. */
        FOLLOWED_CLIENTS,
        /** The technician the billet names, or who intervened. */
        OWN_WORK
    }

    private static final Pattern ROLES = Pattern.compile("\\bRoles?:\\s*");
    /** The roles of the published language, by name, as the documentation writes them. */
    private static final Pattern ROLE_NAME = Pattern.compile("\\b(" + String.join("|",
            java.util.Arrays.stream(Role.values()).map(Enum::name).toList()) + ")\\b");
    /** "CLIENT and TECHNICIAN: 403 ROLE_NOT_ALLOWED", in any sentence. */
    private static final Pattern REFUSED_SENTENCE = Pattern.compile("((?:\\b[A-Z_]+\\b(?:,\\s*|\\s+and\\s+)?)+):\\s*403");

    boolean allows(Role role) {
        return allowed.containsKey(role);
    }

    /** Reads the access of the operation {@code name} from its description. */
    static DocumentedAccess parse(String name, String description) {
        Matcher start = ROLES.matcher(description);
        if (!start.find()) {
            throw new IllegalArgumentException(name + ": its description has no \"Roles: ...\" sentence: " + description);
        }
        String sentence = sentence(description.substring(start.end()));
        Map<Role, Scope> allowed = new EnumMap<>(Role.class);
        Set<Role> refused = EnumSet.noneOf(Role.class);
        boolean asTheList = false;
        for (String clause : clauses(sentence)) {
            String outside = clause.replaceAll("\\([^)]*\\)", " ").trim();
            String lower = clause.toLowerCase(Locale.ROOT);
            List<Role> named = roles(outside);
            if (lower.startsWith("technician") || lower.contains("billet's technician")
                    || lower.contains("technician who intervened")) {
                if (!named.contains(Role.TECHNICIAN)) {
                    named.add(Role.TECHNICIAN);
                }
            }
            if (lower.startsWith("any but ")) {
                for (Role role : Role.values()) {
                    allowed.putIfAbsent(role, Scope.READ);
                }
                refused.addAll(named);
                continue;
            }
            if (outside.matches("(?s).*\\b403\\b.*")) {
                refused.addAll(named);
                continue;
            }
            if (lower.startsWith("as the list")) {
                asTheList = true;
                continue;
            }
            if (named.isEmpty()) {
                if (lower.matches("(?s).*\\b40[34]\\b.*")) {
                    continue; // what the others get: "anyone else 403", "a ticket outside the caller's scope is 404"
                }
                if (lower.matches("(any|every role)\\b.*")) {
                    for (Role role : Role.values()) {
                        allowed.putIfAbsent(role, Scope.READ);
                    }
                    continue;
                }
                if (lower.contains("scope")) {
                    continue; // "within the caller's scope", "staff see their scope": the read scope every role has
                }
                throw new IllegalArgumentException(name + ": no role in \"" + clause + "\" of \"" + sentence + "\"");
            }
            Scope scope = scope(clause, lower);
            for (Role role : named) {
                Scope roleScope = role == Role.CLIENT && scope == Scope.OWN_CLIENT
                        || role == Role.SALES && scope == Scope.FOLLOWED_CLIENTS
                        || role == Role.TECHNICIAN && scope == Scope.OWN_WORK ? scope : Scope.READ;
                allowed.put(role, roleScope);
            }
        }
        Matcher more = REFUSED_SENTENCE.matcher(description);
        while (more.find()) {
            refused.addAll(roles(more.group(1)));
        }
        refused.forEach(allowed::remove);
        if (allowed.isEmpty() && !asTheList) {
            throw new IllegalArgumentException(name + ": no role allowed by \"" + sentence + "\"");
        }
        return new DocumentedAccess(allowed, refused, asTheList);
    }

    /** The access of a detail documented "as the list": the list's, with this description's refusals added. */
    DocumentedAccess inherit(DocumentedAccess list) {
        Map<Role, Scope> roles = new EnumMap<>(Role.class);
        roles.putAll(list.allowed());
        Set<Role> no = EnumSet.noneOf(Role.class);
        no.addAll(list.refused());
        no.addAll(refused);
        no.forEach(roles::remove);
        roles.putAll(allowed);
        return new DocumentedAccess(roles, no, false);
    }

    private static Scope scope(String clause, String lower) {
        if (lower.contains("client's client user") || lower.contains("the client's client") || lower.contains("its own client")
                || lower.contains("of the contract's client")) {
            return Scope.OWN_CLIENT;
        }
        if (lower.contains("clients it follows")) {
            return Scope.FOLLOWED_CLIENTS;
        }
        if (lower.contains("billet's technician") || lower.contains("technician who intervened")) {
            return Scope.OWN_WORK;
        }
        return Scope.READ;
    }

    /** Up to the first period that ends a sentence, outside parentheses. */
    private static String sentence(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == '.' && depth == 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** The sentence cut at commas and semicolons outside parentheses, and at " or ". */
    private static List<String> clauses(String sentence) {
        List<String> clauses = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : sentence.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if ((c == ',' || c == ';') && depth == 0) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString());
        List<String> result = new ArrayList<>();
        for (String clause : clauses) {
            for (String part : clause.split("\\s+or\\s+")) {
                if (!part.isBlank()) {
                    result.add(part.strip().replaceAll("\\s+", " "));
                }
            }
        }
        return result;
    }

    private static List<Role> roles(String text) {
        List<Role> roles = new ArrayList<>();
        Matcher names = ROLE_NAME.matcher(text);
        while (names.find()) {
            roles.add(Role.valueOf(names.group(1)));
        }
        return roles;
    }
}
