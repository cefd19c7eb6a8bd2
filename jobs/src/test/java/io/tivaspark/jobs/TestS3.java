package io.tivaspark.jobs;

import java.util.Map;
import java.util.TreeMap;

/**
 * The S3 server tools/it/object-store.sh starts for the object-store tests (moto's server mode):
 * its endpoint ({@code -Dtiva.it.s3.endpoint}), bucket ({@code -Dtiva.it.s3.bucket}) and the S3A
 * settings that reach it, as a data engineer would set them (path-style, plain HTTP, any keys).
 */
public final class TestS3 {
  private TestS3() {}

  /** The S3A settings of the test server (without the {@code spark.hadoop.} prefix). */
  public static Map<String, String> settings() {
    Map<String, String> m = new TreeMap<>();
    m.put("fs.s3a.endpoint", System.getProperty("tiva.it.s3.endpoint"));
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put("fs.s3a.access.key", "testing");
    m.put("fs.s3a.secret.key", "testing");
    m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    return m;
  }

  /** The bucket the script created. */
  public static String bucket() {
    return System.getProperty("tiva.it.s3.bucket", "tiva-it");
  }
}
