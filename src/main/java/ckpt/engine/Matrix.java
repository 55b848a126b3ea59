package ckpt.engine;

import ckpt.job.StateSpec;
import ckpt.model.Experiment;
import ckpt.model.StateShape;

/** How an experiment's state shape and mode become the job's {@link StateSpec}. */
final class Matrix {
    private Matrix() {
    }

    static StateSpec spec(Experiment e) {
        StateShape s = e.shape();
        return StateSpec.of(s.kind(), s.entries(), s.ttl(), s.sinkDelay(), e.mode().asyncState());
    }
}
