import { PageSkeleton } from "@/components/PageSkeleton"

export default PageSkeleton
