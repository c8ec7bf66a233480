CREATE TABLE "enf_query_log_days" (
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"username" text NOT NULL,
	"queries" integer DEFAULT 0 NOT NULL,
	"found" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "enf_query_log_days_day_department_id_user_id_username_pk" PRIMARY KEY("day","department_id","user_id","username")
);
