package com.itvision.maintenance.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** When the read models count as having reached a position, from their stored tokens. */
class ReadModelProgressTest {

    private static GapAwareTrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.asList(gaps));
    }

    /** Every read model with the same two segments, but {@code group} with {@code segments}. */
    private static ReadModelProgress.Snapshot snapshot(String group, List<TrackingToken> segments, Set<String> inError) {
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        for (String g : Projections.ALL) {
            tokens.put(g, List.of(at(100), at(100)));
        }
        tokens.put(group, segments);
        return new ReadModelProgress.Snapshot(tokens, inError);
    }

    @Test
    void reached_when_every_segment_of_every_read_model_is_at_or_past_the_position() {
        ReadModelProgress.Snapshot snapshot = snapshot(Projections.TICKETS, List.of(at(100), at(120)), Set.of());
        assertThat(snapshot.reached(100)).isTrue();
        assertThat(snapshot.reached(101)).isFalse();
        assertThat(snapshot.reached(0)).as("nothing to wait for").isTrue();
    }

    @Test
    void a_segment_behind_holds_every_position_after_it_whichever_segment_handles_the_event() {
        ReadModelProgress.Snapshot stuck = snapshot(Projections.BILLETS, List.of(at(42), at(100)), Set.of());
        assertThat(stuck.reached(42)).isTrue();
        assertThat(stuck.reached(43)).isFalse();
    }

    @Test
    void a_position_the_token_lists_as_a_gap_is_not_reached_even_below_its_index() {
        ReadModelProgress.Snapshot snapshot = snapshot(Projections.CONTRACTS, List.of(at(100, 97L), at(100)), Set.of());
        assertThat(snapshot.reached(97)).as("committed after a later event was read").isFalse();
        assertThat(snapshot.reached(98)).as("other gaps below do not matter").isTrue();
    }

    @Test
    void a_read_model_in_error_here_without_tokens_or_with_an_empty_token_is_not_reached() {
        assertThat(snapshot(Projections.DIRECTORY, List.of(at(100), at(100)), Set.of(Projections.DIRECTORY))
                .reached(1)).isFalse();
        assertThat(snapshot(Projections.DIRECTORY, List.of(), Set.of()).reached(1)).isFalse();
        assertThat(snapshot(Projections.DIRECTORY, Arrays.<TrackingToken>asList(null, at(100)), Set.of()).reached(1))
                .as("a segment that never processed anything").isFalse();
        Map<String, List<TrackingToken>> missing = new HashMap<>();
        assertThat(new ReadModelProgress.Snapshot(missing, Set.of()).reached(1)).isFalse();
    }

    @Test
    void a_replaying_or_merging_segment_counts_where_it_has_really_come() {
        TrackingToken replaying = ReplayToken.createReplayToken(at(100), at(30));
        assertThat(snapshot(Projections.INTERVENTIONS, List.of(replaying, at(100)), Set.of()).reached(30)).isTrue();
        assertThat(snapshot(Projections.INTERVENTIONS, List.of(replaying, at(100)), Set.of()).reached(31)).isFalse();
        TrackingToken merging = new MergedTrackingToken(at(60), at(100));
        assertThat(snapshot(Projections.INTERVENTIONS, List.of(merging), Set.of()).reached(60)).isTrue();
        assertThat(snapshot(Projections.INTERVENTIONS, List.of(merging), Set.of()).reached(61)).isFalse();
    }
}
