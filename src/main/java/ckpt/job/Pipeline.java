package ckpt.job;

import java.io.Serializable;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The user's part of a job: given the harness's input — {@code (account, amount)} records from the phased source,
 * synthetic keys or a replayed table — build the rest, e.g.
 * {@code events -> events.keyBy(e -> e.f0).window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(1))).sum(1)}.
 * The stream it returns goes to a discarding sink; returning null means the pipeline added its own sinks.
 *
 * <p>It runs once, on the client, while the job graph is built; the functions it puts into the stream travel to
 * the cluster. Serializable so that it can be kept with the experiment like any other setting.
 */
@FunctionalInterface
public interface Pipeline extends Serializable {
    DataStream<?> build(DataStream<Tuple2<Long, Double>> events);
}
