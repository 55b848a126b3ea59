package ckpt.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests the embedded S3 server served while it was recording, as it saw them: one entry per request with its
 * arrival time (this machine's clock, which is the JobManager's on the embedded target and the local cluster),
 * its kind and the bytes of its body (PUT) or of the object served (GET). Appended by the server's threads, read
 * by the run.
 */
public final class StoreRequests {
    /** S3 request kinds, as the columns name them. */
    public enum Kind {
        /** PutObject, UploadPart (a part of a multipart upload), CopyObject. */
        PUT,
        /** GetObject. */
        GET,
        /** HeadObject (a file's status), HeadBucket. */
        HEAD,
        /** DeleteObject, and DeleteObjects (one request removing several keys). */
        DELETE,
        /** ListObjects, ListMultipartUploads, ListParts. */
        LIST,
        /** Multipart upload start, completion and abort. */
        MULTIPART,
        /** Anything else (e.g. OPTIONS). */
        OTHER
    }

    /** One request: when it arrived, its kind, the bytes it moved. */
    public record Request(long timeMillis, Kind kind, long bytes) {
    }

    private final List<Request> requests = new ArrayList<>();
    /** Requests that arrived and are not added yet: the server answers before it adds, so a client can be done. */
    private int inFlight;

    synchronized void arrived() {
        inFlight++;
    }

    /** A request that {@link #arrived()} was served. */
    synchronized void add(long timeMillis, Kind kind, long bytes) {
        requests.add(new Request(timeMillis, kind, bytes));
        inFlight--;
        notifyAll();
    }

    /**
     * Waits (up to the timeout) until every request that arrived has been added. A reader that got its answer may
     * otherwise look before the server has counted the request that gave it.
     */
    public synchronized void awaitInFlight(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (inFlight > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Everything recorded so far, in arrival order. */
    public synchronized List<Request> all() {
        return List.copyOf(requests);
    }

    /** Count of requests of this kind that arrived in [from, to). */
    public static long count(List<Request> rs, Kind kind, long from, long to) {
        return rs.stream().filter(r -> r.kind == kind && r.timeMillis >= from && r.timeMillis < to).count();
    }

    /** Bytes moved by requests of this kind that arrived in [from, to). */
    public static long bytes(List<Request> rs, Kind kind, long from, long to) {
        return rs.stream().filter(r -> r.kind == kind && r.timeMillis >= from && r.timeMillis < to)
                .mapToLong(Request::bytes).sum();
    }
}
