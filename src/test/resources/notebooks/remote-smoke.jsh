// A run on whatever target the session was started with (the test passes --cluster URL).
//% parameters
var dir = "file:///tmp/ckpt-remote-smoke";
var keys = 5000;

//% run
var r = run(experiment().keys(keys).valueBytes(64).seconds(2).interval("300ms").checkpointDir(dir).name("remote"));
r

//% where it ran
System.out.println("ran on " + target().kind() + " · " + r.steadyCheckpoints().rowCount() + " steady · status " + r.status());
