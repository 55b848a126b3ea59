package acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Builds a pipeline and forgets to execute it. */
public class NoExecute {
    public static void main(String[] args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 10).print();
        System.out.println("done, I think");
    }
}
