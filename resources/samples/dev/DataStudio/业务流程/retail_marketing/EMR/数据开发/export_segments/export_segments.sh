##@resource_reference{"segment-export-2.1.jar"}
# Exports the segments as CSV for the CRM import job.
hadoop jar segment-export-2.1.jar com.retaildemo.segments.Export \
  --date ${bizdate} \
  --source retail_mkt.user_segments \
  --target oss://retail-dev-landing/exports/segments/${bizdate}/
