package ckpt.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * The job vertices that hold keyed state — the operators a run reports on, whoever wrote them. A keyed operator
 * reads a keyBy (hash) edge, which cannot be chained, so it heads its vertex: the vertex's head stream node (which
 * the vertex's own configuration names, without deserializing anything of the user's) tells.
 */
final class KeyedVertices {
    private KeyedVertices() {
    }

    /** Vertex id (as the REST API writes it) → the keyed operator's name, in the graph's (topological) order. */
    static Map<String, String> of(StreamGraph streams, JobGraph job) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JobVertex v : job.getVerticesSortedTopologicallyFromSources()) {
            Integer head = new StreamConfig(v.getConfiguration()).getVertexID();
            StreamNode node = head == null ? null : streams.getStreamNode(head);
            if (node != null && (node.getStateKeySerializer() != null || node.getStatePartitioners().length > 0)) {
                out.put(v.getID().toString(), node.getOperatorName());
            }
        }
        return out;
    }
}
