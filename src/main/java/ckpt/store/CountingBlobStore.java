package ckpt.store;

import ckpt.store.StoreRequests.Kind;
import java.util.List;
import java.util.function.Supplier;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;

/**
 * Counts what the S3 front end asks of the store, one entry per S3 request: s3proxy turns each request into one
 * of these calls (PutObject → putBlob, UploadPart → uploadMultipartPart, GetObject → getBlob, HeadObject →
 * blobMetadata, DeleteObject(s) → removeBlob(s), ListObjects → list). Calls the front end makes for its own
 * checks (containerExists, blobExists) are not requests and are not counted. Bytes: the body's declared length
 * for a PUT, the object's (or range's) length for a GET.
 */
final class CountingBlobStore extends ForwardingBlobStore {
    private final Supplier<StoreRequests> sink;

    CountingBlobStore(BlobStore delegate, Supplier<StoreRequests> sink) {
        super(delegate);
        this.sink = sink;
    }

    private void count(Kind kind, long bytes) {
        StoreRequests r = sink.get();
        if (r != null) {
            r.add(kind, bytes);
        }
    }

    private static long length(Payload p) {
        Long n = p == null || p.getContentMetadata() == null ? null : p.getContentMetadata().getContentLength();
        return n == null ? 0 : n;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        count(Kind.PUT, length(blob.getPayload()));
        return super.putBlob(container, blob);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        count(Kind.PUT, length(blob.getPayload()));
        return super.putBlob(container, blob, options);
    }

    @Override
    public MultipartPart uploadMultipartPart(MultipartUpload mpu, int partNumber, Payload payload) {
        count(Kind.PUT, length(payload));
        return super.uploadMultipartPart(mpu, partNumber, payload);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(String container, BlobMetadata metadata, PutOptions options) {
        count(Kind.MULTIPART, 0);
        return super.initiateMultipartUpload(container, metadata, options);
    }

    @Override
    public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
        count(Kind.MULTIPART, 0);
        return super.completeMultipartUpload(mpu, parts);
    }

    @Override
    public void abortMultipartUpload(MultipartUpload mpu) {
        count(Kind.MULTIPART, 0);
        super.abortMultipartUpload(mpu);
    }

    @Override
    public Blob getBlob(String container, String name) {
        Blob b = super.getBlob(container, name);
        count(Kind.GET, b == null ? 0 : length(b.getPayload()));
        return b;
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
        Blob b = super.getBlob(container, name, options);
        count(Kind.GET, b == null ? 0 : length(b.getPayload()));
        return b;
    }

    @Override
    public BlobMetadata blobMetadata(String container, String name) {
        count(Kind.HEAD, 0);
        return super.blobMetadata(container, name);
    }

    @Override
    public void removeBlob(String container, String name) {
        count(Kind.DELETE, 0);
        super.removeBlob(container, name);
    }

    @Override
    public void removeBlobs(String container, Iterable<String> names) {
        count(Kind.DELETE, 0);
        super.removeBlobs(container, names);
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        count(Kind.LIST, 0);
        return super.list(container, options);
    }
}
