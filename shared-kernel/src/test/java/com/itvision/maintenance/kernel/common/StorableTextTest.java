package com.itvision.maintenance.kernel.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Erreur paiement CB", "ligne 1\nligne 2\r\n\tindentée", "Côte d'Ivoire – 16 caméras",
            "日本語のテキスト", "emoji 😀 and math 𝔸", "الدعم الفني", "\u00a0non-breaking\u2028separator", "\uFFFD"})
    void text_in_any_script_with_tab_and_line_breaks_is_storable(String text) {
        assertThat(StorableText.isStorable(text)).isTrue();
        assertThat(StorableText.firstRefused(text)).isEqualTo(-1);
    }

    @Test
    void null_is_storable_text_the_requiredness_of_a_field_is_another_rule() {
        assertThat(StorableText.isStorable(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0001", "bell\u0007", "escape\u001b[31m", "del\u007f", "c1\u0085", "c1\u009f",
            "vertical\u000btab", "form\u000cfeed"})
    void control_characters_other_than_tab_and_line_breaks_are_refused(String text) {
        assertThat(StorableText.isStorable(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lone high \ud800", "\ud83d", "lone low \udc00 here", "reversed \ude00\ud83d"})
    void unpaired_surrogates_are_refused(String text) {
        assertThat(StorableText.isStorable(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF"})
    void unicode_noncharacters_are_refused_in_every_plane(String text) {
        assertThat(StorableText.isStorable(text)).isFalse();
    }

    @Test
    void characters_next_to_the_noncharacter_ranges_are_text() {
        assertThat(StorableText.isStorable("\uFDCF\uFDF0\uFFFD\uD83F\uDFFD")).isTrue();
    }

    @Test
    void the_refusal_names_the_character_and_its_position_from_1() {
        assertThat(StorableText.firstRefused("ab\u0000c")).isEqualTo(2);
        assertThat(StorableText.refusal("ab\u0000c")).startsWith(StorableText.RULE).endsWith("(U+0000 at position 3)");
        assertThat(StorableText.refusal("😀\uDBFF\uDFFF")).endsWith("(U+10FFFF at position 3)");
        assertThatThrownBy(() -> StorableText.refusal("fine")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printable_replaces_each_refused_character_once_and_keeps_the_rest() {
        assertThat(StorableText.printable("na\u0000me\u0007\uDBFF\uDFFF😀\ud800")).isEqualTo("na\uFFFDme\uFFFD\uFFFD😀\uFFFD");
        String clean = "propre\n";
        assertThat(StorableText.printable(clean)).isSameAs(clean);
    }

    @Test
    void read_models_replace_only_nul_by_the_replacement_character() {
        assertThat(StorableText.withoutNul("a\u0000b\u0000")).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(StorableText.withoutNul("bell\u0007\ud800")).isEqualTo("bell\u0007\ud800");
        assertThat(StorableText.withoutNul(null)).isNull();
        String clean = "unchanged";
        assertThat(StorableText.withoutNul(clean)).isSameAs(clean);
    }
}
