CREATE TABLE "permission_catalogue" (
	"code" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
