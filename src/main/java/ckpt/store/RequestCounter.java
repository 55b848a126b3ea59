package ckpt.store;

import ckpt.store.StoreRequests.Kind;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Counts the S3 server's HTTP requests as they arrive, by S3 operation, in front of s3proxy's handler (a servlet
 * filter in its Jetty context): a request is classified by method, path (path-style {@code /bucket/key}) and
 * query, the way S3 defines its operations. Bytes: the body of a PUT (its Content-Length; chunked encoding is off),
 * the body a GET answered with.
 */
final class RequestCounter implements Filter {
    private final Supplier<StoreRequests> sink;

    RequestCounter(Supplier<StoreRequests> sink) {
        this.sink = sink;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        StoreRequests log = sink.get();
        if (log == null || !(req instanceof HttpServletRequest http) || !(res instanceof HttpServletResponse out)) {
            chain.doFilter(req, res);
            return;
        }
        long arrived = System.currentTimeMillis();
        Kind kind = kind(http.getMethod(), http.getRequestURI(), http.getQueryString());
        long bytes = kind == Kind.PUT ? Math.max(0, http.getContentLengthLong()) : 0;
        if (kind == null) {
            chain.doFilter(req, res);
            return;
        }
        log.arrived();
        try {
            chain.doFilter(req, res);
        } finally {
            // counted even when serving failed: the request reached the server
            log.add(arrived, kind, kind == Kind.GET ? contentLength(out) : bytes);
        }
    }

    private static long contentLength(HttpServletResponse out) {
        String length = out.getHeader("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The kind of an S3 request, or null for what is not one (the server's own /metrics page). */
    static Kind kind(String method, String path, String query) {
        String q = query == null ? "" : "&" + query + "&";
        String p = path == null ? "/" : path.replaceFirst("^/+", "");
        if (p.equals("metrics")) {
            return null;
        }
        boolean object = p.indexOf('/') > 0 && p.indexOf('/') < p.length() - 1;
        return switch (method) {
            case "PUT" -> Kind.PUT;
            case "GET" -> object && !q.contains("&uploadId=") ? Kind.GET : Kind.LIST;
            case "HEAD" -> Kind.HEAD;
            case "DELETE" -> q.contains("&uploadId=") ? Kind.MULTIPART : Kind.DELETE;
            case "POST" -> q.contains("&delete") ? Kind.DELETE : Kind.MULTIPART;
            default -> Kind.OTHER;
        };
    }
}
