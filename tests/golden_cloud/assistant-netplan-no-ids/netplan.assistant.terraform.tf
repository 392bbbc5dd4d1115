# Optional, alicloud provider 1.168.0+: run the netplan all-in-one script once on the instance with
# Cloud Assistant. command_content is the same Base64 as the aliyun block's --CommandContent.
# Apply it only after the secondaries are assigned (the Assign step). terraform apply waits for
# the run (up to the create timeout below) and fails when it fails; the script's output is
# not kept: read it with the aliyun block's DescribeInvocationResults or in the ECS console.

variable "instance_id" {
  description = "The instance to run the script on (i-...)"
  type        = string
}

resource "alicloud_ecs_command" "secondary_ip_wizard" {
  name            = "secondary-ip-wizard-netplan"
  description     = "Secondary IP Wizard: the all-in-one script"
  type            = "RunShellScript"
  timeout         = 600
  working_dir     = "/root"
  command_content = "<COMMAND_CONTENT_BASE64>"
}

resource "alicloud_ecs_invocation" "secondary_ip_wizard" {
  command_id  = alicloud_ecs_command.secondary_ip_wizard.id
  instance_id = [var.instance_id]

  timeouts {
    create = "15m"
  }
}
