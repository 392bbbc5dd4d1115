# Not available for a secondary ENI: at launch only the primary ENI gets the user data's addresses. Bind the ENI to the instance, then use the script or Cloud Assistant.
