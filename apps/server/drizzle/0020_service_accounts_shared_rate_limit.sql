CREATE TABLE "service_account_rate_buckets" (
	"app_id" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"taken" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
